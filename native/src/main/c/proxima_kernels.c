/*
 * Int8 dot products on AVX-512 VNNI, called from Java through Panama FFM (see
 * io.proximadb.nativekernels.VnniInt8Dots). One instruction, vpdpbusd, multiplies 64 unsigned
 * bytes by 64 signed bytes and adds each group of four products into a 32-bit lane: the work
 * that takes the Java Vector API a widening to ints or floats and a multiply per 16 lanes.
 *
 * vpdpbusd wants one operand unsigned. The codes are signed, so each code byte is flipped to
 * c + 128 (an xor with 0x80) and the excess, 128 * sum(q), is subtracted at the end; sum(q) comes
 * from the same loop, as a vpdpbusd of the query against ones. The result is exact.
 *
 * Built without -march, so that the library loads on any x86-64: the kernel is compiled for
 * VNNI through a target attribute, and Java calls it only after pxk_vnni_supported() said yes.
 */
#include <immintrin.h>
#include <stdint.h>

#define PXK_EXPORT __attribute__((visibility("default")))

/* 1 if this CPU runs AVX-512 F, BW and VNNI (what pxk_int8_dot_x4 uses), else 0. */
PXK_EXPORT int32_t pxk_vnni_supported(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
            && __builtin_cpu_supports("avx512vnni");
}

__attribute__((target("avx512f,avx512bw,avx512vnni")))
static inline __m512i flipped(const int8_t *codes, __mmask64 mask) {
    return _mm512_xor_si512(_mm512_maskz_loadu_epi8(mask, codes), _mm512_set1_epi8((char) 0x80));
}

/*
 * out[j] = sum over i < dimension of query[i] * codes[oj + i], for j = 0..3, all signed bytes.
 * Exact for dimension < 2^17 (|q * c| <= 2^14, and the lanes hold int32).
 */
PXK_EXPORT __attribute__((target("avx512f,avx512bw,avx512vnni")))
void pxk_int8_dot_x4(const int8_t *query, const int8_t *codes, int64_t o0, int64_t o1, int64_t o2, int64_t o3,
                     int32_t dimension, int32_t *out) {
    const int8_t *c0 = codes + o0;
    const int8_t *c1 = codes + o1;
    const int8_t *c2 = codes + o2;
    const int8_t *c3 = codes + o3;
    const __m512i ones = _mm512_set1_epi8(1);
    __m512i acc0 = _mm512_setzero_si512();
    __m512i acc1 = _mm512_setzero_si512();
    __m512i acc2 = _mm512_setzero_si512();
    __m512i acc3 = _mm512_setzero_si512();
    __m512i query_sum = _mm512_setzero_si512();
    int32_t i = 0;
    for (; i + 64 <= dimension; i += 64) {
        __m512i q = _mm512_loadu_si512(query + i);
        query_sum = _mm512_dpbusd_epi32(query_sum, ones, q);
        acc0 = _mm512_dpbusd_epi32(acc0, flipped(c0 + i, ~0ULL), q);
        acc1 = _mm512_dpbusd_epi32(acc1, flipped(c1 + i, ~0ULL), q);
        acc2 = _mm512_dpbusd_epi32(acc2, flipped(c2 + i, ~0ULL), q);
        acc3 = _mm512_dpbusd_epi32(acc3, flipped(c3 + i, ~0ULL), q);
    }
    if (i < dimension) {
        /* Masked loads read nothing past the end; a masked-off query byte is 0, so its lane adds 0. */
        __mmask64 mask = (~0ULL) >> (64 - (dimension - i));
        __m512i q = _mm512_maskz_loadu_epi8(mask, query + i);
        query_sum = _mm512_dpbusd_epi32(query_sum, ones, q);
        acc0 = _mm512_dpbusd_epi32(acc0, flipped(c0 + i, mask), q);
        acc1 = _mm512_dpbusd_epi32(acc1, flipped(c1 + i, mask), q);
        acc2 = _mm512_dpbusd_epi32(acc2, flipped(c2 + i, mask), q);
        acc3 = _mm512_dpbusd_epi32(acc3, flipped(c3 + i, mask), q);
    }
    int32_t excess = 128 * _mm512_reduce_add_epi32(query_sum);
    out[0] = _mm512_reduce_add_epi32(acc0) - excess;
    out[1] = _mm512_reduce_add_epi32(acc1) - excess;
    out[2] = _mm512_reduce_add_epi32(acc2) - excess;
    out[3] = _mm512_reduce_add_epi32(acc3) - excess;
}

/*
 * Asks for the cache lines of four codes of `bytes` bytes each, to be read by the next call of
 * pxk_int8_dot_x4: a graph walk's codes are scattered, and their misses, not the arithmetic, set
 * its pace. A prefetch never faults, so it needs no bounds.
 */
PXK_EXPORT void pxk_prefetch_x4(const int8_t *codes, int64_t o0, int64_t o1, int64_t o2, int64_t o3, int32_t bytes) {
    for (int32_t line = 0; line < bytes; line += 64) {
        __builtin_prefetch(codes + o0 + line, 0, 3);
        __builtin_prefetch(codes + o1 + line, 0, 3);
        __builtin_prefetch(codes + o2 + line, 0, 3);
        __builtin_prefetch(codes + o3 + line, 0, 3);
    }
}
