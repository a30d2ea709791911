import { Column, PrimaryColumn } from 'typeorm';

/**
 * The columns every attached file has. Each kind keeps its own table (an entity extending this one) and adds
 * what it is attached to: the name and type it was accepted with, its size and SHA-256, where its bytes lie
 * (relative to the data directory), who uploaded it and when.
 */
export abstract class Attachment {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'file_name', length: 200 }) fileName: string;
  @Column('varchar', { name: 'mime_type', length: 100 }) mimeType: string;
  @Column('integer', { name: 'size_bytes' }) sizeBytes: number;
  @Column('varchar', { length: 64 }) sha256: string;
  /** Relative to the data directory. */
  @Column('varchar', { name: 'file_path', length: 200 }) filePath: string;
  @Column('varchar', { name: 'uploaded_by', length: 50 }) uploadedBy: string;
  @Column('varchar', { name: 'uploaded_at', length: 30 }) uploadedAt: string;
}
