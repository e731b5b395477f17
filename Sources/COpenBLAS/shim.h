// Umbrella header for OpenBLAS's CBLAS interface (apt: libopenblas-dev, pkg-config: openblas).
#include <cblas.h>
