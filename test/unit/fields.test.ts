import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateUnitDto, UnitQueryDto, UpdateUnitDto } from '../../src/units/units.dto';
import { LoginDto } from '../../src/auth/auth.dto';
import { validationDetails } from '../../src/common/validation/validation-errors';

function fields(cls: new () => object, body: object): string[] {
  const errors = validateSync(plainToInstance(cls, body), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return [...new Set(validationDetails(errors).map((d) => d.field))].sort();
}

const validUnit = { code: 'STTTT-TEST', kind: 'MEMBER', name: 'Sở Thông tin và Truyền thông tỉnh Thử', shortName: 'Sở TTTT Thử' };

describe('field decorators', () => {
  const cases: Array<[string, new () => object, object, string[]]> = [
    ['a valid unit', CreateUnitDto, validUnit, []],
    ['required fields missing', CreateUnitDto, {}, ['code', 'kind', 'name', 'shortName']],
    ['required field null', CreateUnitDto, { ...validUnit, name: null }, ['name']],
    ['nullable field null', CreateUnitDto, { ...validUnit, province: null, womenShare: null }, []],
    ['blank text', CreateUnitDto, { ...validUnit, name: '   ' }, ['name']],
    ['overlong text', CreateUnitDto, { ...validUnit, shortName: 'x'.repeat(121) }, ['shortName']],
    ['number instead of text', CreateUnitDto, { ...validUnit, name: 5 }, ['name']],
    ['text instead of number', CreateUnitDto, { ...validUnit, womenShare: '70' }, ['womenShare']],
    ['three decimals', CreateUnitDto, { ...validUnit, womenShare: 70.125 }, ['womenShare']],
    ['exponent notation, tiny', CreateUnitDto, { ...validUnit, womenShare: 3e-323 }, ['womenShare']],
    ['exponent notation, whole', CreateUnitDto, { ...validUnit, womenShare: 5e1 }, []],
    ['two decimals that binary floating point cannot hold exactly', CreateUnitDto, { ...validUnit, womenShare: 14.55 }, []],
    ['out of range', CreateUnitDto, { ...validUnit, womenShare: 100.01 }, ['womenShare']],
    ['impossible date', CreateUnitDto, { ...validUnit, activeFrom: '2021-02-30' }, ['activeFrom']],
    ['bad uuid', CreateUnitDto, { ...validUnit, parentId: 'abc' }, ['parentId']],
    ['bad enum', CreateUnitDto, { ...validUnit, kind: 'member' }, ['kind']],
    ['unknown field', CreateUnitDto, { ...validUnit, isAdmin: true }, ['isAdmin']],
    ['PATCH: omitted fields are fine', UpdateUnitDto, { version: 1, reason: 'Cập nhật' }, []],
    ['PATCH: a mandatory field may not be nulled', UpdateUnitDto, { version: 1, reason: 'Cập nhật', name: null }, ['name']],
    ['PATCH: version and reason required', UpdateUnitDto, { name: 'X' }, ['reason', 'version']],
    ['PATCH: version must be an integer', UpdateUnitDto, { version: 1.5, reason: 'Cập nhật' }, ['version']],
    ['query: numbers from text', UnitQueryDto, { limit: '20', offset: '0', activeInYear: '2020' }, []],
    ['query: not a number', UnitQueryDto, { limit: 'abc' }, ['limit']],
    ['query: a number with junk', UnitQueryDto, { limit: '20abc' }, ['limit']],
    ['query: zero limit', UnitQueryDto, { limit: '0' }, ['limit']],
  ];
  for (const [name, cls, body, expected] of cases) it(name, () => assert.deepEqual(fields(cls, body), expected));

  it('every message is Vietnamese', () => {
    const errors = validateSync(plainToInstance(CreateUnitDto, { code: 1, kind: 2, name: 3, shortName: null, womenShare: 'x', extra: 1 }), {
      whitelist: true,
      forbidNonWhitelisted: true,
    });
    for (const d of validationDetails(errors)) assert.match(d.message, /[ạảãàáâậầấẩẫăắằặẳẵẻẽèéêệềếểễịỉĩìíọỏõòóôộồốổỗơợờớởỡụủũùúưựừứửữỵỷỹỳýđ]/i, `${d.field}: ${d.message}`);
  });

  // One field, one message that tells what is wrong: not its range once it is not a number, nor its length once missing.
  const messages: Array<[string, new () => object, object, Record<string, string[]>]> = [
    ['text as a version', UpdateUnitDto, { version: 'abc', reason: 'Cập nhật' }, { version: ['Phải là số nguyên.'] }],
    ['a version out of range', UpdateUnitDto, { version: 0, reason: 'Cập nhật' }, { version: ['Phải lớn hơn hoặc bằng 1.'] }],
    ['a missing username', LoginDto, { password: 'x' }, { username: ['Bắt buộc phải có.'] }],
    ['a null name', UpdateUnitDto, { version: 1, reason: 'Cập nhật', name: null }, { name: ['Không được để trống.'] }],
    ['a number as a name', CreateUnitDto, { ...validUnit, name: 5 }, { name: ['Phải là chuỗi ký tự.'] }],
    ['a blank, overlong name: blank says it', CreateUnitDto, { ...validUnit, name: ' '.repeat(400) }, { name: ['Không được để trống hoặc chỉ có khoảng trắng.'] }],
    ['an overlong name with a wrong pattern: both are told', CreateUnitDto, { ...validUnit, code: 'x y'.repeat(20) }, { code: ['Dài tối đa 40 ký tự.', 'Mã đơn vị gồm 2–40 ký tự: chữ in hoa không dấu, số, gạch ngang hoặc gạch dưới.'] }],
    ['a blank reason is not also too short', UpdateUnitDto, { version: 1, reason: '  ' }, { reason: ['Không được để trống hoặc chỉ có khoảng trắng.'] }],
    ['1e308 as a share is out of range, not a matter of decimals', CreateUnitDto, { ...validUnit, womenShare: 1e308 }, { womenShare: ['Phải nhỏ hơn hoặc bằng 100.'] }],
    ['text as a share', CreateUnitDto, { ...validUnit, womenShare: 'x' }, { womenShare: ['Phải là số.'] }],
  ];
  for (const [name, cls, body, expected] of messages) {
    it(`messages: ${name}`, () => {
      const errors = validateSync(plainToInstance(cls, body), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
      const got: Record<string, string[]> = {};
      for (const d of validationDetails(errors)) (got[d.field] ??= []).push(d.message);
      for (const list of Object.values(got)) list.sort();
      for (const list of Object.values(expected)) list.sort();
      assert.deepEqual(got, expected);
    });
  }
});
