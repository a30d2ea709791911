import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateUnitDto, UnitQueryDto, UpdateUnitDto } from '../../src/units/units.dto';
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
});
