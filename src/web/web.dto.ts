import { BoolField, TextField } from '../common/validation/fields';

export class WebLoginDto {
  @TextField({ max: 50 }) username: string;
  @TextField({ max: 128 }) password: string;
  @TextField({ presence: 'optional', max: 500 }) next?: string;
  @TextField({ presence: 'optional', max: 20 }) code?: string;
  @BoolField({ presence: 'optional' }) rememberDevice?: boolean;
}
