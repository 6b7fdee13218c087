import { OrchestratorError } from '../../orchestrator/errors.js';
import { maskPassword } from '../../orchestrator/store/open-store.js';
import { unreachableStore } from './unreachable-store.js';

const URL = 'postgres://me:secret@db.example:5432/planebench';

function coded(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('unreachableStore', () => {
  it('names the masked URL, the reason and how to start the database', () => {
    const wrapped = new OrchestratorError('PostgreSQL store failed in connect', {
      cause: coded('connect ECONNREFUSED 10.0.0.1:5432', 'ECONNREFUSED'),
    });
    const error = unreachableStore(wrapped, URL);
    expect(error?.isUnreachable).toBe(true);
    expect(error?.message).toBe(
      'Cannot connect to the PostgreSQL store at postgres://me:***@db.example:5432/planebench ' +
        '(connect ECONNREFUSED 10.0.0.1:5432); start the database with ' +
        '`bash test-scripts/orchestrator/setup-postgres.sh`, it prints the URL to use',
    );
  });

  it('finds the reason inside an AggregateError (every address refused) and in a login rejected by the server', () => {
    const aggregate = Object.assign(new AggregateError([coded('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''), {
      code: 'ECONNREFUSED',
    });
    expect(unreachableStore(aggregate, URL)?.message).toContain('(connect ECONNREFUSED ::1:5432)');
    const login = coded('password authentication failed for user "me"', '28P01');
    expect(unreachableStore(login, URL)?.message).toContain('(password authentication failed for user "me")');
  });

  it('leaves other errors alone', () => {
    expect(unreachableStore(coded('relation "runs" does not exist', '42P01'), URL)).toBeUndefined();
    expect(unreachableStore(new Error('boom'), URL)).toBeUndefined();
  });

  it('masks only the password', () => {
    expect(maskPassword('postgresql://u:p@h/d')).toBe('postgresql://u:***@h/d');
    expect(maskPassword('postgres://h/d')).toBe('postgres://h/d');
  });
});
