import { pseudonymProblem } from './vehicle-pseudonym';

describe(pseudonymProblem.name, () => {
  it.each([
    ['a UUID', '0b6f1c52-7e1f-4d8e-9a43-2f1d6f0c9e11'],
    ['a keyed hash', 'a3f1'.repeat(16)],
    ['a fleet number of 16 characters', 'bus-depot-nr-0042'],
    ['17 letters (no digit, so no VIN)', 'abcdefghjklmnprst'],
  ])('accepts %s', (_name, id) => {
    expect(pseudonymProblem(id)).toBeNull();
  });

  it.each([
    ['a VIN', 'WVWZZZ1JZXW000001', /VIN/],
    ['a VIN in lower case', 'wvwzzz1jzxw000001', /VIN/],
    ['a name with spaces', 'Jan de Vries van Amsterdam', /no spaces/],
    ['an e-mail address', 'jan.devries@example.com', /e-mail/],
    ['a plate (too short to be a pseudonym)', 'AB-123-C', /16-128/],
  ])('refuses %s', (_name, id, reason) => {
    expect(pseudonymProblem(id)).toMatch(reason);
  });
});
