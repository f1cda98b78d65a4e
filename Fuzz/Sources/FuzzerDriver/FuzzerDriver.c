// Only declares libFuzzer's driver for Swift (see include/FuzzerDriver.h).
#include "FuzzerDriver.h"
