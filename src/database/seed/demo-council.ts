/**
 * Bộ TTTT's emulation council in the demo: the people are invented ("minh họa"); the bodies they head follow the
 * ministry's organisation of the day. The standing body was Vụ Thi đua – Khen thưởng (Thông tư 09/2018/TT-BTTTT
 * Điều 40) until Nghị định 48/2022/NĐ-CP of 26/07/2022 left it out of the ministry (in effect from its signing, as the
 * catalogue assumes from a secondary source); Vụ Tổ chức cán bộ then held the role (Thông tư 11/2023/TT-BTTTT): its head becomes the vice-chair (the
 * catalogue's STANDING_BODY rows and their assumptions say how sure each date is).
 */
const UNTIL_48_2022 = '2022-07-25';
const FROM_48_2022 = '2022-07-26';

/** Invented people, each marked "(minh họa)" where the minutes print the name (a real official must not be named). */
export const DEMO_COUNCIL_TERMS = [
  { name: 'Lê Quang Minh (minh họa)', position: 'Bộ trưởng', role: 'CHAIR', toDate: null },
  { name: 'Trần Văn Bình (minh họa)', position: 'Vụ trưởng Vụ Thi đua – Khen thưởng', role: 'VICE_CHAIR', toDate: UNTIL_48_2022 },
  { name: 'Lê Thị Thu (minh họa)', position: 'Chánh Văn phòng', role: 'MEMBER', toDate: null },
  { name: 'Phạm Quốc Toàn (minh họa)', position: 'Vụ trưởng Vụ Tổ chức cán bộ', role: 'MEMBER', toDate: UNTIL_48_2022 },
  { name: 'Phạm Quốc Toàn (minh họa)', position: 'Vụ trưởng Vụ Tổ chức cán bộ', role: 'VICE_CHAIR', fromDate: FROM_48_2022, toDate: null },
  { name: 'Đỗ Thị Lan (minh họa)', position: 'Vụ trưởng Vụ Pháp chế', role: 'MEMBER', fromDate: FROM_48_2022, toDate: null },
  { name: 'Hoàng Thị Mai (minh họa)', position: 'Chủ tịch Công đoàn Bộ', role: 'MEMBER', toDate: null },
] as const;
