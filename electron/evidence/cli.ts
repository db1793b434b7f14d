/**
 * `node dist/evidence-verify.cjs <package.json> [--key <officer-public-key.pem>]`: verifies an
 * evidence package offline and says so in Chinese (docs/audit.md, "The evidence package"). Exit 0
 * when every check holds, 1 when any fails (each named), 2 when the command itself is wrong.
 */
import { readFileSync } from 'node:fs';
import { verifyEvidence, type EvidenceReport } from './verify';

const USAGE = '用法：node dist/evidence-verify.cjs <证据包.json> [--key <干警公钥.pem>]';

export function reportText(file: string, r: EvidenceReport): string {
  const lines: string[] = [];
  if (r.ok) {
    lines.push(`证据包校验通过：${file}`);
    lines.push(`  案号：${r.caseNumber}`);
    lines.push(`  导出：${r.exportedBy}，${r.exportedAt}`);
    lines.push(`  签名：Ed25519，密钥 ${r.keyId}${r.keyChecked ? '，与所给干警公钥一致' : '（包内公钥；未给出干警公钥文件，未与干警名册核对）'}`);
    lines.push('  各部分摘要：均与清单相符');
    if (r.measureSignatures > 0) lines.push(`  措施签名：导出干警本人的 ${r.measureSignatures} 个签名与发送的报文相符`);
    lines.push(`  审计记录：本案 ${r.caseEntries} 条，所在第 ${r.chain?.from}–${r.chain?.through} 条哈希链连续完整`);
    if (r.anchoredThrough !== undefined) lines.push(`  网关检查点：网关确认至第 ${r.anchoredThrough} 条（确认于 ${r.anchoredAt}），回执签名有效`);
  } else {
    lines.push(`证据包校验未通过：${file}（${r.problems.length} 项）`);
    for (const p of r.problems) lines.push(`  ✗ ${p.zh}`);
  }
  for (const n of r.notes) lines.push(`  注意：${n.zh}`);
  return `${lines.join('\n')}\n`;
}

function main(argv: string[]): number {
  const i = argv.indexOf('--key');
  const keyFile = i >= 0 ? argv[i + 1] : undefined;
  const rest = argv.filter((_, j) => i < 0 || (j !== i && j !== i + 1));
  if (rest.length !== 1 || (i >= 0 && !keyFile)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const file = rest[0]!;
  let text: string;
  let key: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
    key = keyFile ? readFileSync(keyFile, 'utf8') : undefined;
  } catch (e) {
    process.stderr.write(`无法读取文件：${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const report = verifyEvidence(text, key === undefined ? {} : { publicKey: key });
  process.stdout.write(reportText(file, report));
  return report.ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
