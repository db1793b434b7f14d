/** 酒店住宿登记: check-in and check-out as Unix seconds. */
import { withDuplicate } from './render-util';
import type { FeedbackFormatter } from './types';

const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);

export const hotelFormatter: FeedbackFormatter = {
  channel: 'hotel.gz',
  render({ subject, duplicate }) {
    const stays = subject?.kind === 'person' ? subject.holdings.hotelStays : [];
    const list = withDuplicate(stays.map((s) => ({
      hotelName: s.hotel, city: s.city, hotelAddress: s.address, roomNo: s.room,
      checkInTime: unix(s.checkIn), checkOutTime: unix(s.checkOut),
    })), duplicate);
    return { code: 0, msg: 'success', data: { count: list.length, list } };
  },
};
