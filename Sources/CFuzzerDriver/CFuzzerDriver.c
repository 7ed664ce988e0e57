// SwiftPM needs one source file per C target; the declaration is all we need.
#include "CFuzzerDriver.h"
