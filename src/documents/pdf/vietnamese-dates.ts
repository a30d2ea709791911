/**
 * "Đắk Lắk, ngày 06 tháng 3 năm 2020": days below 10 and months 1–2 take a leading zero (Decree 30). Without a
 * date (a draft that the signer dates), the blanks: "Hà Nội, ngày … tháng … năm …".
 */
export function placeDateLine(place: string, isoDate: string | null): string {
  if (!isoDate) return `${place}, ngày … tháng … năm …`;
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  const day = String(d).padStart(2, '0');
  const month = m <= 2 ? String(m).padStart(2, '0') : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}

/** "ngày 06 tháng 3 năm 2020", as a date is written in the body of a Decree 30 document. */
export function longDateVi(isoDate: string): string {
  return placeDateLine('', isoDate).slice(2);
}

/** "10:15 ngày 06/03/2020" in Vietnam time. */
export function vietnamTime(isoTimestamp: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(isoTimestamp))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.hour}:${parts.minute} ngày ${parts.day}/${parts.month}/${parts.year}`;
}

/** Points with a decimal comma: 95,5. */
export function pointsVi(points: number): string {
  return points.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
}
