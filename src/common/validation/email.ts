/** An e-mail address as the forms accept it (one address, no display name). */
export const EMAIL_PATTERN = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
export const EMAIL_MESSAGE = 'Địa chỉ thư điện tử không hợp lệ (ví dụ: ten.canbo@donvi.gov.vn).';
