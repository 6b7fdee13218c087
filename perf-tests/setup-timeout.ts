// A perf spec runs whole scenarios (every trial carries its own limit), so a
// spec test may take minutes; jest's 5 s default would cut it off.
import { jest } from '@jest/globals';

jest.setTimeout(1_800_000);
