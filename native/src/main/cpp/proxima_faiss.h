/*
 * ProximaDB's flat C API over FAISS, called from Java through the FFM linker
 * (io.proximadb.index.faiss.FaissLibrary). Every function returns a status code and never lets a
 * C++ exception cross the boundary: on failure, pxf_last_error() holds the message (FAISS's own
 * when FAISS threw) for the calling thread until its next call.
 *
 * Handles are opaque pointers owned by the caller, released with pxf_free / pxf_blob_free.
 */
#ifndef PROXIMA_FAISS_H
#define PROXIMA_FAISS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PXF_OK 0
#define PXF_INVALID_ARGUMENT 1 /* bad input: dimension, factory string, parameter */
#define PXF_FAISS_ERROR 2      /* FAISS threw (untrained index, unsupported operation, ...) */
#define PXF_OUT_OF_MEMORY 3
#define PXF_INTERNAL_ERROR 4

#define PXF_METRIC_L2 0
#define PXF_METRIC_INNER_PRODUCT 1

/* The calling thread's last error message; valid until its next call into this library. */
const char* pxf_last_error(void);

/* index_factory(d, factory, metric) into *out. */
int pxf_create(int32_t d, const char* factory, int32_t metric, void** out);
int pxf_free(void* index);

int pxf_dimension(void* index, int32_t* out);
int pxf_ntotal(void* index, int64_t* out);
int pxf_is_trained(void* index, int32_t* out);
/* Bits of what the index is, for the per-query parameters that apply to it. */
#define PXF_KIND_HNSW 1
#define PXF_KIND_IVF 2
#define PXF_KIND_INNER_PRODUCT 4
int pxf_kind(void* index, int32_t* out);
/* HNSW's beam while adding (FAISS's default is 40); an error for other index types. */
int pxf_set_ef_construction(void* index, int32_t ef_construction);

/* n vectors of dimension d, row-major float32 at x (d is checked against the index's). */
int pxf_train(void* index, int64_t n, const float* x, int32_t d);
int pxf_add(void* index, int64_t n, const float* x, int32_t d);
int pxf_add_with_ids(void* index, int64_t n, const float* x, int32_t d, const int64_t* ids);

/*
 * k nearest to one query of dimension d. bitmap (LSB first, bit i = id i accepted, bitmap_bits
 * bits) may be null for no filter; it is passed to FAISS as an IDSelectorBitmap. ef (HNSW) and
 * nprobe (IVF) are applied per call when positive (and widened by ntotal / accepted under a
 * filter), leaving the index unchanged, so searches may run concurrently. On an HNSW index the
 * shim walks FAISS's graph itself (FAISS 1.7.3 ignores a per-query efSearch, and its filtered
 * HNSW search loses most results under selective filters), with a beam bounded by accepted
 * vectors only, or scans the accepted vectors exactly when there are at most 4 * max(ef, k). Unused result slots hold label -1. Runs on the calling thread only.
 */
int pxf_search(void* index, const float* query, int32_t d, int64_t k, const uint8_t* bitmap,
               int64_t bitmap_bits, int32_t ef, int32_t nprobe, float* distances, int64_t* labels);

/*
 * All vectors within radius of one query (for L2 squared distance below radius, for inner
 * product similarity above it), optionally filtered like pxf_search. *result receives a handle
 * to read with pxf_range_copy and release with pxf_blob_free; *count the number of hits.
 */
int pxf_range_search(void* index, const float* query, int32_t d, float radius, const uint8_t* bitmap,
                     int64_t bitmap_bits, void** result, int64_t* count);
int pxf_range_copy(void* result, float* distances, int64_t* labels);

/* write_index into a memory buffer: *blob is the handle, *data and *size its bytes. */
int pxf_serialize(void* index, void** blob, const uint8_t** data, int64_t* size);
int pxf_blob_free(void* blob);
/* read_index from size bytes at data (copied into FAISS's own structures). */
int pxf_deserialize(const uint8_t* data, int64_t size, void** out);

#ifdef __cplusplus
}
#endif

#endif
