#inc#olefin
#define LOG(pd(