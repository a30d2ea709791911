/** The system's name as people read it: pages' footers and the documents it issues ("Văn bản do … phát hành"). */
export const SYSTEM_NAME = 'Hệ thống quản lý cụm thi đua và khen thưởng';
