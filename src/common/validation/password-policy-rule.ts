import { ValidateBy } from 'class-validator';
import { passwordProblem } from '../password-policy';

/**
 * The password policy checked with the rest of the form, so that one answer names every field to correct (a weak
 * password together with a malformed username, say); `usernameField`: the sibling field the password must not be
 * based on. The services check it again where the username is known only to them.
 */
export function PasswordPolicy(usernameField?: string): PropertyDecorator {
  const problem = (value: unknown, object: object): string | null =>
    typeof value === 'string' ? passwordProblem(value, usernameField ? ((object as Record<string, unknown>)[usernameField] as string | undefined) : undefined) : null;
  return ValidateBy({
    name: 'passwordPolicy',
    validator: { validate: (value, args) => problem(value, args!.object) === null, defaultMessage: (args) => problem(args!.value, args!.object) ?? '' },
  });
}
