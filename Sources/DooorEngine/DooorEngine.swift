// Module DooorEngine.
