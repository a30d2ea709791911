/** Default texts of a new pledge (editable by the secretariat). */

/** Legal bases in force for an emulation year (the year decides, as for award rules). */
export function defaultLegalBases(year: number, organizerName: string, clusterName: string): string[] {
  const law =
    year >= 2024
      ? [
          'Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;',
          year >= 2026
            ? 'Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng;'
            : 'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;',
        ]
      : [
          'Căn cứ Luật Thi đua, khen thưởng năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng năm 2005 và năm 2013;',
          'Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;',
        ];
  return [...law, `Căn cứ hướng dẫn công tác thi đua, khen thưởng năm ${year} của ${organizerName} và Quy chế hoạt động của ${clusterName},`];
}

export function defaultPurpose(year: number, clusterName: string): string {
  return (
    `Cụ thể hóa các phong trào thi đua yêu nước, động viên cán bộ, công chức, viên chức và người lao động của các đơn vị thành viên ` +
    `${clusterName} phát huy tinh thần đoàn kết, chủ động, sáng tạo, phấn đấu hoàn thành xuất sắc nhiệm vụ chính trị năm ${year}.\n` +
    `Các đơn vị thành viên thống nhất ký kết giao ước thi đua với các nội dung dưới đây; việc chấm điểm, bình xét cuối năm ` +
    `căn cứ vào mức độ hoàn thành các nội dung đã giao ước, bảo đảm công khai, dân chủ, khách quan.`
  );
}

export function defaultImplementation(): string {
  return (
    'Các đơn vị thành viên căn cứ nội dung giao ước xây dựng kế hoạch, phát động phong trào thi đua tại đơn vị; định kỳ sơ kết 6 tháng, ' +
    'tổng kết năm, tự chấm điểm theo bộ tiêu chí và gửi kết quả về đơn vị Cụm trưởng đúng thời hạn.\n' +
    'Đơn vị Cụm trưởng chủ trì, phối hợp với đơn vị Cụm phó theo dõi, đôn đốc, tổng hợp kết quả thực hiện giao ước; tổ chức bình xét, ' +
    'suy tôn và đề nghị khen thưởng theo quy định.\n' +
    'Bản giao ước có hiệu lực kể từ ngày ký.'
  );
}

export const DEFAULT_SIGNER_TITLE = 'Giám đốc';
