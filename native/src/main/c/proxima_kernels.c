/*
 * Int8 dot products of one query against four codes, called from Java through Panama FFM (see
 * io.proximadb.nativekernels.VnniInt8Dots and Avx2Int8Dots), in two variants: AVX-512 VNNI where the CPU has it, and
 * AVX2 on every other x86-64 of the last decade. Both are exact.
 *
 * AVX-512 VNNI: one instruction, vpdpbusd, multiplies 64 unsigned
 * bytes by 64 signed bytes and adds each group of four products into a 32-bit lane: the work
 * that takes the Java Vector API a widening to ints or floats and a multiply per 16 lanes.
 *
 * vpdpbusd wants one operand unsigned. The codes are signed, so each code byte is flipped to
 * c + 128 (an xor with 0x80) and the excess, 128 * sum(q), is subtracted at the end; sum(q) comes
 * from the same loop, as a vpdpbusd of the query against ones. The result is exact.
 *
 * AVX2 has no byte product that is exact for every pair of signed bytes (vpmaddubsw saturates), so
 * each 16 bytes are sign-extended to 16-bit lanes and vpmaddwd multiplies them and adds pairs into
 * 32-bit lanes: three instructions per 16 bytes and code, against six to widen bytes to floats and
 * multiply them in the Java kernels.
 *
 * Built without -march, so that the library loads on any x86-64: each kernel is compiled for its
 * instructions through a target attribute, and Java calls one only after its pxk_*_supported()
 * said yes.
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

/* 1 if this CPU runs AVX2 (what pxk_int8_dot_x4_avx2 uses), else 0. */
PXK_EXPORT int32_t pxk_avx2_supported(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}

__attribute__((target("avx2")))
static inline __m256i widened(const int8_t *bytes) {
    return _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *) bytes));
}

__attribute__((target("avx2")))
static inline int32_t lanes_sum(__m256i lanes) {
    __m128i half = _mm_add_epi32(_mm256_castsi256_si128(lanes), _mm256_extracti128_si256(lanes, 1));
    half = _mm_add_epi32(half, _mm_shuffle_epi32(half, _MM_SHUFFLE(1, 0, 3, 2)));
    half = _mm_add_epi32(half, _mm_shuffle_epi32(half, _MM_SHUFFLE(2, 3, 0, 1)));
    return _mm_cvtsi128_si32(half);
}

/*
 * What pxk_int8_dot_x4 computes, on AVX2. A 32-bit lane adds pairs of products of at most 2^14
 * each, so it is exact for dimension < 2^17 as well. The last dimension % 16 bytes are added one
 * by one: an unmasked 16-byte load there could read past the end of a mapping.
 */
PXK_EXPORT __attribute__((target("avx2")))
void pxk_int8_dot_x4_avx2(const int8_t *query, const int8_t *codes, int64_t o0, int64_t o1, int64_t o2, int64_t o3,
                          int32_t dimension, int32_t *out) {
    const int8_t *c0 = codes + o0;
    const int8_t *c1 = codes + o1;
    const int8_t *c2 = codes + o2;
    const int8_t *c3 = codes + o3;
    __m256i acc0 = _mm256_setzero_si256();
    __m256i acc1 = _mm256_setzero_si256();
    __m256i acc2 = _mm256_setzero_si256();
    __m256i acc3 = _mm256_setzero_si256();
    int32_t i = 0;
    for (; i + 16 <= dimension; i += 16) {
        __m256i q = widened(query + i);
        acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(q, widened(c0 + i)));
        acc1 = _mm256_add_epi32(acc1, _mm256_madd_epi16(q, widened(c1 + i)));
        acc2 = _mm256_add_epi32(acc2, _mm256_madd_epi16(q, widened(c2 + i)));
        acc3 = _mm256_add_epi32(acc3, _mm256_madd_epi16(q, widened(c3 + i)));
    }
    int32_t s0 = lanes_sum(acc0);
    int32_t s1 = lanes_sum(acc1);
    int32_t s2 = lanes_sum(acc2);
    int32_t s3 = lanes_sum(acc3);
    for (; i < dimension; i++) {
        int32_t q = query[i];
        s0 += q * c0[i];
        s1 += q * c1[i];
        s2 += q * c2[i];
        s3 += q * c3[i];
    }
    out[0] = s0;
    out[1] = s1;
    out[2] = s2;
    out[3] = s3;
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
