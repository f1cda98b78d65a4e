// Module DooorLocalAPI.
