// The shim between ProximaDB's Java code and FAISS: see proxima_faiss.h for the contract.
// Every entry point runs its body inside guarded(), which turns C++ exceptions into a status code
// and a thread-local message, so that bad input never unwinds into the JVM.

#include "proxima_faiss.h"

#include <faiss/Index.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIVF.h>
#include <faiss/impl/AuxIndexStructures.h>
#include <faiss/impl/DistanceComputer.h>
#include <faiss/impl/FaissException.h>
#include <faiss/impl/IDSelector.h>
#include <faiss/impl/io.h>
#include <faiss/index_factory.h>
#include <faiss/index_io.h>
#include <omp.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <queue>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#define PXF_EXPORT extern "C" __attribute__((visibility("default")))

namespace {

thread_local std::string last_error;

// Bad caller input, reported as PXF_INVALID_ARGUMENT (FAISS's own checks throw FaissException).
struct InvalidArgument : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

// What pxf_blob_free releases: serialized bytes or a range search's result.
struct Blob {
    virtual ~Blob() = default;
};
struct BytesBlob : Blob {
    std::vector<uint8_t> bytes;
};
struct RangeBlob : Blob {
    faiss::RangeSearchResult result{1};
};

template <typename Body>
int guarded(Body body) {
    try {
        last_error.clear();
        body();
        return PXF_OK;
    } catch (const InvalidArgument& e) {
        last_error = e.what();
        return PXF_INVALID_ARGUMENT;
    } catch (const faiss::FaissException& e) {
        last_error = e.what();
        return PXF_FAISS_ERROR;
    } catch (const std::bad_alloc& e) {
        last_error = std::string("out of memory: ") + e.what();
        return PXF_OUT_OF_MEMORY;
    } catch (const std::exception& e) {
        last_error = e.what();
        return PXF_INTERNAL_ERROR;
    } catch (...) {
        last_error = "unknown C++ exception";
        return PXF_INTERNAL_ERROR;
    }
}

faiss::Index* as_index(void* handle) {
    if (handle == nullptr) {
        throw InvalidArgument("null index handle");
    }
    return static_cast<faiss::Index*>(handle);
}

void check_dimension(const faiss::Index* index, int32_t d) {
    if (d != index->d) {
        throw InvalidArgument("vector dimension " + std::to_string(d) + " does not match the index dimension " +
                              std::to_string(index->d));
    }
}

void check_vectors(int64_t n, const float* x) {
    if (n < 0 || (n > 0 && x == nullptr)) {
        throw InvalidArgument("bad vector batch: n=" + std::to_string(n));
    }
}

// Builds training and insertion with every core; searches run on the caller's thread only, so
// that concurrent Java searchers do not each start an OpenMP team.
void use_all_cores() {
    omp_set_num_threads(omp_get_num_procs());
}

// Per-call search parameters: the index's own type (HNSW efSearch, IVF nprobe) plus the selector.
// Owned by the caller's stack frame; the index is never modified, so searches may run at once.
// A selective filter widens the search by widen = ntotal / accepted: HNSW's beam and IVF's probes
// fill with rejected vectors at that rate, so that many more are needed to find k accepted ones.
struct CallParameters {
    faiss::SearchParametersHNSW hnsw;
    faiss::SearchParametersIVF ivf;
    faiss::SearchParameters plain;
    faiss::SearchParameters* chosen = nullptr;

    CallParameters(const faiss::Index* index, faiss::IDSelector* sel, double widen, int64_t k, int32_t ef,
                   int32_t nprobe) {
        if (auto h = dynamic_cast<const faiss::IndexHNSW*>(index)) {
            double beam = std::max<double>(ef > 0 ? ef : h->hnsw.efSearch, k) * widen;
            hnsw.efSearch = static_cast<int>(std::min<double>(beam, std::max<int64_t>(index->ntotal, k)));
            hnsw.sel = sel;
            chosen = &hnsw;
        } else if (ef > 0) {
            throw InvalidArgument("ef applies to HNSW indexes only");
        }
        if (auto v = dynamic_cast<const faiss::IndexIVF*>(index)) {
            double probes = (nprobe > 0 ? nprobe : v->nprobe) * widen;
            ivf.nprobe = static_cast<size_t>(std::min<double>(probes, v->nlist));
            ivf.max_codes = v->max_codes;
            ivf.sel = sel;
            chosen = &ivf;
        } else if (nprobe > 0) {
            throw InvalidArgument("nprobe applies to IVF indexes only");
        }
        if (chosen == nullptr && sel != nullptr) {
            plain.sel = sel;
            chosen = &plain;
        }
    }
};

// The caller's filter as FAISS's bitmap selector (LSB first, as Java's BitSet.toByteArray()).
struct Filter {
    std::unique_ptr<faiss::IDSelectorBitmap> sel;
    double widen = 1;

    Filter(const faiss::Index* index, const uint8_t* bitmap, int64_t bits) {
        if (bitmap == nullptr) {
            return;
        }
        if (bits < 0) {
            throw InvalidArgument("negative bitmap size");
        }
        size_t bytes = (bits + 7) / 8;
        int64_t accepted = 0;
        for (size_t i = 0; i < bytes; i++) {
            accepted += __builtin_popcount(bitmap[i]);
        }
        widen = accepted == 0 ? 1 : std::max(1.0, static_cast<double>(index->ntotal) / accepted);
        sel = std::make_unique<faiss::IDSelectorBitmap>(bytes, bitmap);
    }
};

// HNSW search over FAISS's graph and FAISS's distance computer. FAISS 1.7.3's own IndexHNSW::search
// ignores the per-query efSearch of SearchParametersHNSW (recall does not move with it), and with a
// selector it keeps its unfiltered stopping rule (it stops when ef visited vectors, accepted or not,
// are nearer than the next candidate), so a selective filter returns few results and a filter on a
// distant region almost none. This walk (hnswlib's) bounds the beam by accepted vectors only, and
// scans the accepted vectors exactly when there are few of them, which is exact and cheaper.
// sel may be null: every vector is accepted.
void hnsw_search(const faiss::IndexHNSW& index, const float* query, int64_t k, const faiss::IDSelector* sel,
                 int64_t accepted, int ef, float* distances, int64_t* labels) {
    using Entry = std::pair<float, int64_t>;
    std::unique_ptr<faiss::DistanceComputer> computer(index.storage->get_distance_computer());
    computer->set_query(query);
    bool similarity = index.metric_type == faiss::METRIC_INNER_PRODUCT;
    auto distance = [&](int64_t id) {
        float d = (*computer)(id);
        return similarity ? -d : d;
    };
    size_t beam = std::max<size_t>(ef, k);
    std::priority_queue<Entry> best;  // the accepted vectors found, farthest on top
    auto offer = [&](float d, int64_t id, size_t limit) {
        if (best.size() < limit || Entry(d, id) < best.top()) {
            best.emplace(d, id);
            if (best.size() > limit) {
                best.pop();
            }
        }
    };
    auto member = [&](int64_t id) { return sel == nullptr || sel->is_member(id); };
    if (accepted <= static_cast<int64_t>(4 * beam)) {
        for (int64_t id = 0; id < index.ntotal; id++) {
            if (member(id)) {
                offer(distance(id), id, k);
            }
        }
    } else if (index.ntotal > 0) {
        const faiss::HNSW& graph = index.hnsw;
        int64_t entry = graph.entry_point;
        float entry_distance = distance(entry);
        for (int level = graph.max_level; level >= 1; level--) {
            for (bool moved = true; moved;) {
                moved = false;
                size_t begin, end;
                graph.neighbor_range(entry, level, &begin, &end);
                for (size_t j = begin; j < end && graph.neighbors[j] >= 0; j++) {
                    float d = distance(graph.neighbors[j]);
                    if (d < entry_distance) {
                        entry = graph.neighbors[j];
                        entry_distance = d;
                        moved = true;
                    }
                }
            }
        }
        std::vector<uint8_t> visited(index.ntotal, 0);
        std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> candidates;
        candidates.emplace(entry_distance, entry);
        visited[entry] = 1;
        if (member(entry)) {
            offer(entry_distance, entry, beam);
        }
        while (!candidates.empty()) {
            Entry current = candidates.top();
            if (best.size() >= beam && current.first > best.top().first) {
                break;
            }
            candidates.pop();
            size_t begin, end;
            graph.neighbor_range(current.second, 0, &begin, &end);
            for (size_t j = begin; j < end && graph.neighbors[j] >= 0; j++) {
                int64_t v = graph.neighbors[j];
                if (visited[v]) {
                    continue;
                }
                visited[v] = 1;
                float d = distance(v);
                if (best.size() < beam || d < best.top().first) {
                    candidates.emplace(d, v);
                    if (member(v)) {
                        offer(d, v, beam);
                    }
                }
            }
        }
        while (static_cast<int64_t>(best.size()) > k) {
            best.pop();
        }
    }
    for (int64_t i = k - 1; i >= 0; i--) {
        if (best.empty()) {
            distances[i] = 0;
            labels[i] = -1;
        } else {
            distances[i] = similarity ? -best.top().first : best.top().first;
            labels[i] = best.top().second;
            best.pop();
        }
    }
}

}  // namespace

PXF_EXPORT const char* pxf_last_error(void) {
    return last_error.c_str();
}

PXF_EXPORT int pxf_create(int32_t d, const char* factory, int32_t metric, void** out) {
    return guarded([&] {
        if (d <= 0) {
            throw InvalidArgument("dimension must be positive, got " + std::to_string(d));
        }
        if (factory == nullptr || out == nullptr) {
            throw InvalidArgument("null factory string or output");
        }
        faiss::MetricType type;
        switch (metric) {
            case PXF_METRIC_L2: type = faiss::METRIC_L2; break;
            case PXF_METRIC_INNER_PRODUCT: type = faiss::METRIC_INNER_PRODUCT; break;
            default: throw InvalidArgument("unknown metric code " + std::to_string(metric));
        }
        try {
            *out = faiss::index_factory(d, factory, type);
        } catch (const faiss::FaissException& e) {
            // A factory string FAISS cannot parse is the caller's input, not a FAISS failure.
            throw InvalidArgument(e.what());
        }
    });
}

PXF_EXPORT int pxf_free(void* index) {
    return guarded([&] { delete static_cast<faiss::Index*>(index); });
}

PXF_EXPORT int pxf_dimension(void* index, int32_t* out) {
    return guarded([&] { *out = as_index(index)->d; });
}

PXF_EXPORT int pxf_ntotal(void* index, int64_t* out) {
    return guarded([&] { *out = as_index(index)->ntotal; });
}

PXF_EXPORT int pxf_kind(void* index, int32_t* out) {
    return guarded([&] {
        faiss::Index* idx = as_index(index);
        *out = (dynamic_cast<faiss::IndexHNSW*>(idx) ? PXF_KIND_HNSW : 0) |
               (dynamic_cast<faiss::IndexIVF*>(idx) ? PXF_KIND_IVF : 0) |
               (idx->metric_type == faiss::METRIC_INNER_PRODUCT ? PXF_KIND_INNER_PRODUCT : 0);
    });
}

PXF_EXPORT int pxf_set_ef_construction(void* index, int32_t ef_construction) {
    return guarded([&] {
        auto hnsw = dynamic_cast<faiss::IndexHNSW*>(as_index(index));
        if (hnsw == nullptr) {
            throw InvalidArgument("ef_construction applies to HNSW indexes only");
        }
        if (ef_construction < 1) {
            throw InvalidArgument("ef_construction must be positive");
        }
        hnsw->hnsw.efConstruction = ef_construction;
    });
}

PXF_EXPORT int pxf_is_trained(void* index, int32_t* out) {
    return guarded([&] { *out = as_index(index)->is_trained ? 1 : 0; });
}

PXF_EXPORT int pxf_train(void* index, int64_t n, const float* x, int32_t d) {
    return guarded([&] {
        faiss::Index* idx = as_index(index);
        check_dimension(idx, d);
        check_vectors(n, x);
        use_all_cores();
        idx->train(n, x);
    });
}

PXF_EXPORT int pxf_add(void* index, int64_t n, const float* x, int32_t d) {
    return guarded([&] {
        faiss::Index* idx = as_index(index);
        check_dimension(idx, d);
        check_vectors(n, x);
        use_all_cores();
        idx->add(n, x);
    });
}

PXF_EXPORT int pxf_add_with_ids(void* index, int64_t n, const float* x, int32_t d, const int64_t* ids) {
    return guarded([&] {
        faiss::Index* idx = as_index(index);
        check_dimension(idx, d);
        check_vectors(n, x);
        if (n > 0 && ids == nullptr) {
            throw InvalidArgument("null ids");
        }
        use_all_cores();
        idx->add_with_ids(n, x, ids);
    });
}

PXF_EXPORT int pxf_search(void* index, const float* query, int32_t d, int64_t k, const uint8_t* bitmap,
                          int64_t bitmap_bits, int32_t ef, int32_t nprobe, float* distances, int64_t* labels) {
    return guarded([&] {
        faiss::Index* idx = as_index(index);
        check_dimension(idx, d);
        if (k <= 0 || query == nullptr || distances == nullptr || labels == nullptr) {
            throw InvalidArgument("k must be positive and buffers non-null, got k=" + std::to_string(k));
        }
        Filter filter(idx, bitmap, bitmap_bits);
        CallParameters params(idx, filter.sel.get(), filter.widen, k, ef, nprobe);
        omp_set_num_threads(1);
        if (params.chosen == &params.hnsw) {
            int64_t accepted = static_cast<int64_t>(idx->ntotal / filter.widen + 0.5);
            hnsw_search(*dynamic_cast<faiss::IndexHNSW*>(idx), query, k, filter.sel.get(), accepted,
                        ef > 0 ? ef : dynamic_cast<faiss::IndexHNSW*>(idx)->hnsw.efSearch, distances, labels);
            return;
        }
        idx->search(1, query, k, distances, labels, params.chosen);
    });
}

PXF_EXPORT int pxf_range_search(void* index, const float* query, int32_t d, float radius, const uint8_t* bitmap,
                                int64_t bitmap_bits, void** result, int64_t* count) {
    return guarded([&] {
        faiss::Index* idx = as_index(index);
        check_dimension(idx, d);
        if (query == nullptr || result == nullptr || count == nullptr) {
            throw InvalidArgument("null query or output");
        }
        Filter filter(idx, bitmap, bitmap_bits);
        CallParameters params(idx, filter.sel.get(), 1, 1, 0, 0);
        omp_set_num_threads(1);
        auto blob = std::make_unique<RangeBlob>();
        idx->range_search(1, query, radius, &blob->result, params.chosen);
        *count = static_cast<int64_t>(blob->result.lims[1]);
        *result = static_cast<Blob*>(blob.release());
    });
}

PXF_EXPORT int pxf_range_copy(void* result, float* distances, int64_t* labels) {
    return guarded([&] {
        auto range = dynamic_cast<RangeBlob*>(static_cast<Blob*>(result));
        if (range == nullptr) {
            throw InvalidArgument("not a range search result");
        }
        size_t n = range->result.lims[1];
        std::memcpy(distances, range->result.distances, n * sizeof(float));
        std::memcpy(labels, range->result.labels, n * sizeof(int64_t));
    });
}

PXF_EXPORT int pxf_serialize(void* index, void** blob, const uint8_t** data, int64_t* size) {
    return guarded([&] {
        faiss::Index* idx = as_index(index);
        auto bytes = std::make_unique<BytesBlob>();
        faiss::VectorIOWriter writer;
        faiss::write_index(idx, &writer);
        bytes->bytes.swap(writer.data);
        *data = bytes->bytes.data();
        *size = static_cast<int64_t>(bytes->bytes.size());
        *blob = static_cast<Blob*>(bytes.release());
    });
}

PXF_EXPORT int pxf_blob_free(void* blob) {
    return guarded([&] { delete static_cast<Blob*>(blob); });
}

PXF_EXPORT int pxf_deserialize(const uint8_t* data, int64_t size, void** out) {
    return guarded([&] {
        if (data == nullptr || size <= 0 || out == nullptr) {
            throw InvalidArgument("no bytes to read an index from");
        }
        faiss::VectorIOReader reader;
        reader.data.assign(data, data + size);
        *out = faiss::read_index(&reader);
    });
}
