// Umbrella header for json-c (apt: libjson-c-dev, pkg-config: json-c).
#include <json.h>
