/**
 * Institutions the synthetic holdings sit with: bank branches and card prefixes, brokers and
 * listed shares (previous close in fen), insurers, hotels, border ports.
 */
import type { Fen } from '../../../shared/money';
import type { BankChannel } from './types';

export interface BankProfile {
  name: string;
  /** personal debit-card prefix and total length; corporate accounts have their own length */
  cardPrefix: string;
  cardLength: number;
  corporateLength: number;
  branches: readonly string[];
  weight: number;
}

export const BANKS: Record<BankChannel, BankProfile> = {
  'bank.icbc': { name: '中国工商银行', cardPrefix: '622202', cardLength: 19, corporateLength: 19, weight: 22,
    branches: ['中国工商银行股份有限公司贵阳中华北路支行', '中国工商银行股份有限公司贵阳延安中路支行', '中国工商银行股份有限公司贵阳观山湖支行'] },
  'bank.ccb': { name: '中国建设银行', cardPrefix: '621700', cardLength: 19, corporateLength: 20, weight: 20,
    branches: ['中国建设银行股份有限公司贵阳城北支行', '中国建设银行股份有限公司贵阳花溪支行', '中国建设银行股份有限公司贵阳富水路支行'] },
  'bank.abc': { name: '中国农业银行', cardPrefix: '622848', cardLength: 19, corporateLength: 15, weight: 18,
    branches: ['中国农业银行股份有限公司贵阳云岩支行', '中国农业银行股份有限公司贵阳南明支行', '中国农业银行股份有限公司清镇市支行'] },
  'bank.boc': { name: '中国银行', cardPrefix: '621785', cardLength: 19, corporateLength: 12, weight: 12,
    branches: ['中国银行股份有限公司贵阳市中华北路支行', '中国银行股份有限公司贵阳市南明支行'] },
  'bank.bocom': { name: '交通银行', cardPrefix: '622260', cardLength: 19, corporateLength: 21, weight: 8,
    branches: ['交通银行股份有限公司贵州省分行营业部', '交通银行股份有限公司贵阳瑞金支行'] },
  'bank.cmb': { name: '招商银行', cardPrefix: '621485', cardLength: 16, corporateLength: 15, weight: 8,
    branches: ['招商银行股份有限公司贵阳分行营业部', '招商银行股份有限公司贵阳金阳支行'] },
  'bank.gyb': { name: '贵阳银行', cardPrefix: '622151', cardLength: 19, corporateLength: 17, weight: 14,
    branches: ['贵阳银行股份有限公司云岩支行', '贵阳银行股份有限公司南明支行', '贵阳银行股份有限公司花溪支行', '贵阳银行股份有限公司观山湖支行'] },
};

export const BROKERS = [
  '华创证券有限责任公司贵阳中华北路证券营业部', '国信证券股份有限公司贵阳长岭北路证券营业部',
  '中信证券股份有限公司贵阳长岭北路证券营业部', '华西证券股份有限公司贵阳延安中路证券营业部',
];

export const STOCKS: readonly (readonly [string, string, Fen])[] = [
  ['600519', '贵州茅台', 148_866], ['600996', '贵广网络', 612], ['600594', '益佰制药', 418],
  ['600227', '赤天化', 215], ['002025', '航天电器', 4_532], ['600903', '贵州燃气', 786],
  ['601398', '工商银行', 702], ['600036', '招商银行', 4_295], ['000858', '五粮液', 12_718],
  ['300750', '宁德时代', 25_310], ['601997', '贵阳银行', 612], ['000001', '平安银行', 1_186],
];

export const WEALTH_ISSUERS = ['中国建设银行', '中国工商银行', '招商银行', '贵阳银行', '中国银行'];
export const WEALTH_PRODUCTS = ['稳享固收', '安鑫日开', '天天利', '季季盈', '半年添利', '乾元周周利', '朝朝宝'];

export const INSURERS = [
  ['中国人寿保险股份有限公司', '国寿福终身寿险'], ['中国平安人寿保险股份有限公司', '平安福重大疾病保险'],
  ['太平洋人寿保险股份有限公司', '金佑人生终身寿险'], ['泰康人寿保险有限责任公司', '泰康全能保年金保险'],
  ['新华人寿保险股份有限公司', '多倍保障重大疾病保险'],
] as const;

export const CAR_MODELS = [
  ['大众', '朗逸', '一汽-大众'], ['丰田', '卡罗拉', '一汽丰田'], ['本田', '雅阁', '广汽本田'],
  ['别克', '英朗', '上汽通用'], ['比亚迪', '秦PLUS', '比亚迪'], ['吉利', '帝豪', '吉利'],
  ['奔驰', 'E300L', '北京奔驰'], ['宝马', '325Li', '华晨宝马'], ['长安', 'CS75', '长安'],
  ['五菱', '宏光', '上汽通用五菱'], ['哈弗', 'H6', '长城'], ['奥迪', 'A6L', '一汽-大众奥迪'],
] as const;
export const CAR_COLORS = ['白', '黑', '灰', '红', '蓝', '棕', '黄'];

/** plate letters by city: 贵A Guiyang, 贵B Liupanshui, 贵C Zunyi, 贵G Anshun, … */
export const PLATE_PREFIX = ['贵A', '贵A', '贵A', '贵A', '贵A', '贵C', '贵B', '贵G', '贵F', '贵H', '贵J'];

export const HOTELS: readonly (readonly [string, string, string])[] = [
  ['贵阳', '贵阳喜来登贵航酒店', '贵阳市南明区中华南路49号'],
  ['贵阳', '如家酒店(贵阳喷水池店)', '贵阳市云岩区中华北路198号'],
  ['贵阳', '汉庭酒店(贵阳火车站店)', '贵阳市南明区遵义路33号'],
  ['贵阳', '7天连锁酒店(贵阳花果园店)', '贵阳市南明区花果园大街H区'],
  ['贵阳', '贵阳凯宾斯基酒店', '贵阳市云岩区长沙路9号'],
  ['遵义', '遵义宾馆', '遵义市红花岗区子尹路99号'],
  ['安顺', '锦江之星(安顺黄果树大街店)', '安顺市西秀区黄果树大街'],
  ['凯里', '凯里亮欢寨大酒店', '凯里市北京东路'],
  ['昆明', '全季酒店(昆明南屏街店)', '昆明市五华区南屏街'],
  ['重庆', '亚朵酒店(重庆解放碑店)', '重庆市渝中区民权路'],
  ['成都', '锦江宾馆', '成都市锦江区人民南路二段80号'],
  ['广州', '广州白天鹅宾馆', '广州市荔湾区沙面南街1号'],
];

export const PORTS: readonly (readonly [string, readonly string[]])[] = [
  ['贵阳龙洞堡国际机场口岸', ['泰国', '新加坡', '日本', '韩国', '中国香港']],
  ['昆明长水国际机场口岸', ['泰国', '老挝', '越南', '缅甸']],
  ['广州白云国际机场口岸', ['马来西亚', '阿联酋', '中国香港']],
  ['深圳罗湖口岸', ['中国香港']],
  ['拱北口岸', ['中国澳门']],
  ['磨憨口岸', ['老挝']],
];

export const TAX_OFFICES: Record<string, string> = {
  '520102': '国家税务总局贵阳市南明区税务局', '520103': '国家税务总局贵阳市云岩区税务局',
  '520111': '国家税务总局贵阳市花溪区税务局', '520115': '国家税务总局贵阳市观山湖区税务局',
};
export const DEFAULT_TAX_OFFICE = '国家税务总局贵阳市税务局';

export const POLICE_STATIONS: Record<string, readonly string[]> = {
  '520102': ['贵阳市公安局南明分局花果园派出所', '贵阳市公安局南明分局遵义路派出所'],
  '520103': ['贵阳市公安局云岩分局中华路派出所', '贵阳市公安局云岩分局黔灵派出所', '贵阳市公安局云岩分局延中派出所'],
  '520115': ['贵阳市公安局观山湖分局金阳派出所'],
  '520111': ['贵阳市公安局花溪分局清溪派出所'],
  '520112': ['贵阳市公安局乌当分局新添寨派出所'],
  '520113': ['贵阳市公安局白云分局大山洞派出所'],
};

export const MARRIAGE_OFFICES: Record<string, string> = {
  '520102': '贵阳市南明区民政局', '520103': '贵阳市云岩区民政局', '520111': '贵阳市花溪区民政局',
  '520115': '贵阳市观山湖区民政局',
};
