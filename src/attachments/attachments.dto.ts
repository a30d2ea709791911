import { ApiProperty } from '@nestjs/swagger';

/** A file a user uploaded, as the API lists it (evidence, achievement reports). */
export class UploadedFileView {
  @ApiProperty() id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() mimeType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty() uploadedBy: string;
  @ApiProperty() uploadedAt: string;
}
