import { formatDateVi } from '../common/time';

/**
 * The day a member signed the pledge on paper, as the secretariat records it: a day that has come, not before the
 * pledge's own date (the conference where it is signed), and while the unit existed. Answers the refusal, or null.
 */
export function paperDateProblem(signedOn: string, pledgeDate: string, unit: { name: string; activeFrom: string | null; activeTo: string | null }, today: string): string | null {
  if (signedOn > today) return 'Ngày ký trên bản giấy không được sau hôm nay.';
  if (signedOn < pledgeDate) return `Ngày ký trên bản giấy không được trước ngày của bản giao ước (${formatDateVi(pledgeDate)}).`;
  if (unit.activeFrom && signedOn < unit.activeFrom) return `${unit.name} hoạt động từ ngày ${formatDateVi(unit.activeFrom)}: không thể ký trước ngày đó.`;
  if (unit.activeTo && signedOn > unit.activeTo) return `${unit.name} hoạt động đến hết ngày ${formatDateVi(unit.activeTo)}: không thể ký sau ngày đó.`;
  return null;
}
