// The ranks of an mpirun (Debian's OpenMPI): see ranks.hpp for who does what.
#include <mpi.h>

#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "../commands.hpp"
#include "../ranks.hpp"

namespace parley::cli {
namespace {

// Message tags: a run's results, and a rank saying it has sent all of its runs.
constexpr int tag_run = 1;
constexpr int tag_done = 2;
// Runs rank 0's computing thread may have ready before its writer takes them, and runs another
// rank may have sent before rank 0 takes them: bound memory (a run of the default comparison
// is about 75 KB).
constexpr std::size_t queue_limit = 512;
constexpr std::size_t send_window = 256;

// mpirun (OpenMPI, or a PMI launcher such as Slurm's srun) sets these for every rank.
bool launched_by_mpirun() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

void check(int code, const char* doing) {
  if (code != MPI_SUCCESS) throw std::runtime_error(std::string("MPI failed to ") + doing);
}

// A run as bytes: what RunResult holds, every field, so that rank 0's store receives exactly
// the run the other rank computed.
class Writer {
 public:
  void u64(std::uint64_t value) { put(&value, sizeof value); }
  template <class T>
  void array(const std::vector<T>& values) {
    u64(values.size());
    put(values.data(), values.size() * sizeof(T));
  }
  std::vector<char>& bytes() { return bytes_; }

 private:
  void put(const void* data, std::size_t size) {
    const auto* p = static_cast<const char*>(data);
    bytes_.insert(bytes_.end(), p, p + size);
  }
  std::vector<char> bytes_;
};

class Reader {
 public:
  explicit Reader(const std::vector<char>& bytes) : bytes_(bytes) {}
  std::uint64_t u64() {
    std::uint64_t value = 0;
    get(&value, sizeof value);
    return value;
  }
  template <class T>
  void array(std::vector<T>& values) {
    values.resize(u64());
    get(values.data(), values.size() * sizeof(T));
  }

 private:
  void get(void* data, std::size_t size) {
    if (size > bytes_.size() - at_) throw std::runtime_error("a run's message is cut short");
    std::memcpy(data, bytes_.data() + at_, size);
    at_ += size;
  }
  const std::vector<char>& bytes_;
  std::size_t at_ = 0;
};

std::vector<char> encode(const RunResult& result) {
  Writer out;
  out.u64(result.run);
  out.u64(result.stream);
  out.u64(result.variant);
  out.array(result.numbers);
  out.u64(result.strategies.size());
  for (const EngagementRun& run : result.strategies) {
    out.u64(run.months.size());
    for (const MonthRecord& month : run.months) out.array(month.values);
    out.array(run.agreement_month);
    out.array(run.recognition_steps);
  }
  return std::move(out.bytes());
}

void decode(const std::vector<char>& bytes, RunResult& result) {
  Reader in(bytes);
  result.run = in.u64();
  result.stream = in.u64();
  result.variant = in.u64();
  in.array(result.numbers);
  result.strategies.resize(in.u64());
  for (EngagementRun& run : result.strategies) {
    run.months.resize(in.u64());
    for (MonthRecord& month : run.months) in.array(month.values);
    in.array(run.agreement_month);
    in.array(run.recognition_steps);
  }
}

// Sends every run to rank 0 as it is made, without waiting for rank 0 to take it: up to
// `send_window` runs are in flight (rank 0 may be committing a large transaction), and a rank
// waits for room by polling with short sleeps, not in MPI's spinning wait, which would take a
// core from the computing ranks.
class SendSink final : public RunSink {
 public:
  void begin(const std::vector<std::string>&) override {}
  void accept(const RunResult& result) override {
    while (requests_.size() >= send_window) wait_for_room();
    buffers_.push_back(encode(result));
    requests_.emplace_back();
    check(MPI_Isend(buffers_.back().data(), static_cast<int>(buffers_.back().size()), MPI_BYTE, 0,
                    tag_run, MPI_COMM_WORLD, &requests_.back()),
          "send a run to rank 0");
    forget_sent();
  }
  // Returns once rank 0 has taken every run sent.
  void drain() {
    while (!requests_.empty()) wait_for_room();
  }

 private:
  void forget_sent() {
    // Sends complete in order to one receiver: the oldest first.
    while (!requests_.empty()) {
      int sent = 0;
      check(MPI_Test(&requests_.front(), &sent, MPI_STATUS_IGNORE), "send a run to rank 0");
      if (!sent) return;
      requests_.pop_front();
      buffers_.pop_front();
    }
  }
  void wait_for_room() {
    const std::size_t before = requests_.size();
    forget_sent();
    if (requests_.size() == before) std::this_thread::sleep_for(std::chrono::microseconds(500));
  }

  std::deque<MPI_Request> requests_;
  std::deque<std::vector<char>> buffers_;
};

// Rank 0's own runs, from its computing thread to its writing one; the computing thread waits
// while `queue_limit` runs are ready.
class QueueSink final : public RunSink {
 public:
  void begin(const std::vector<std::string>&) override {}
  void accept(const RunResult& result) override {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return queue_.size() < queue_limit || stopped_; });
    if (stopped_) throw std::runtime_error("rank 0 stopped taking runs");
    queue_.push_back(result);
  }
  // The next ready run, if any.
  bool take(RunResult& result) {
    std::lock_guard lock(mutex_);
    if (queue_.empty()) return false;
    result = std::move(queue_.front());
    queue_.pop_front();
    room_.notify_one();
    return true;
  }
  // The writer failed: the computing thread stops at its next run.
  void stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    room_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable room_;
  std::deque<RunResult> queue_;
  bool stopped_ = false;
};

// Takes every message waiting from the other ranks into `sink`; true when one came.
bool receive_waiting(RunSink& sink, int& done, std::vector<char>& bytes, RunResult& result) {
  int waiting = 0;
  MPI_Status status;
  check(MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &status),
        "probe for runs");
  if (!waiting) return false;
  int size = 0;
  check(MPI_Get_count(&status, MPI_BYTE, &size), "size a run");
  bytes.resize(static_cast<std::size_t>(size));
  check(MPI_Recv(bytes.data(), size, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE),
        "receive a run");
  if (status.MPI_TAG == tag_done) {
    ++done;
  } else {
    decode(bytes, result);
    sink.accept(result);
  }
  return true;
}

}  // namespace

MpiSession::MpiSession(int& argc, char**& argv) {
  if (!launched_by_mpirun()) return;
  int provided = 0;
  // Only each rank's main thread calls MPI.
  if (MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
    throw std::runtime_error("MPI_Init_thread failed");
  }
}

MpiSession::~MpiSession() {
  int started = 0, finished = 0;
  MPI_Initialized(&started);
  MPI_Finalized(&finished);
  if (started && !finished) MPI_Finalize();
}

World world() {
  int started = 0;
  MPI_Initialized(&started);
  if (!started) return {};
  World w;
  w.mpi = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &w.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &w.size);
  return w;
}

void agree(const World& world, const std::function<void()>& setup,
           const std::function<int(std::exception_ptr)>& exit_code_of) {
  std::exception_ptr error;
  try {
    setup();
  } catch (...) {
    error = std::current_exception();
  }
  if (!world.mpi) {
    if (error) std::rethrow_exception(error);
    return;
  }
  // {any rank failed, rank 0's exit code}: the maximum over ranks of each.
  int mine[2] = {error ? 1 : 0, world.rank == 0 && error ? exit_code_of(error) : 0};
  int all[2] = {0, 0};
  check(MPI_Allreduce(mine, all, 2, MPI_INT, MPI_MAX, MPI_COMM_WORLD), "agree on the setup");
  if (!all[0]) return;
  if (world.rank == 0) {
    if (error) std::rethrow_exception(error);
    throw std::runtime_error("another MPI rank failed to set up (its error is above)");
  }
  // Rank 0 reports a failure every rank shares (the same scenario, the same options).
  if (all[1] != 0) throw QuietExit{all[1]};
  if (error) std::rethrow_exception(error);
  throw QuietExit{1};
}

std::vector<std::uint64_t> share(const World& world, std::vector<std::uint64_t> runs) {
  if (!world.mpi) return runs;
  auto count = static_cast<unsigned long long>(runs.size());
  check(MPI_Bcast(&count, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD), "share the runs");
  runs.resize(count);
  static_assert(sizeof(std::uint64_t) == sizeof(unsigned long long));
  check(MPI_Bcast(runs.data(), static_cast<int>(count), MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD),
        "share the runs");
  return runs;
}

std::vector<std::uint64_t> runs_of_rank(const World& world,
                                        const std::vector<std::uint64_t>& runs) {
  std::vector<std::uint64_t> mine;
  const auto rank = static_cast<std::size_t>(world.rank);
  const auto size = static_cast<std::size_t>(world.size);
  for (std::size_t i = rank; i < runs.size(); i += size) mine.push_back(runs[i]);
  return mine;
}

void gather(const World& world, const Scenario& scenario, const ComparisonPlan& plan,
            const std::vector<std::uint64_t>& runs, RunSink& sink) {
  if (!world.mpi) {
    stream_comparison(scenario, plan, runs, sink);
    return;
  }
  sink.begin(UncertaintyDraws(scenario).paths());
  QueueSink own;
  std::exception_ptr computing_error;
  bool computed = false;
  std::mutex computed_mutex;
  std::thread computing([&] {
    try {
      stream_comparison(scenario, plan, runs_of_rank(world, runs), own);
    } catch (...) {
      computing_error = std::current_exception();
    }
    std::lock_guard lock(computed_mutex);
    computed = true;
  });
  auto is_computed = [&] {
    std::lock_guard lock(computed_mutex);
    return computed;
  };
  try {
    int done = 1;  // ranks that have sent all their runs, rank 0 itself counted (own_done)
    std::vector<char> bytes;
    RunResult result;
    bool own_done = false;
    while (!own_done || done < world.size) {
      bool busy = receive_waiting(sink, done, bytes, result);
      while (own.take(result)) {
        sink.accept(result);
        busy = true;
      }
      if (!own_done && is_computed()) {
        own_done = true;
        if (computing_error) std::rethrow_exception(computing_error);
        while (own.take(result)) sink.accept(result);
      }
      if (!busy) std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  } catch (...) {
    own.stop();
    computing.join();
    throw;
  }
  computing.join();
}

void work(const World& world, const Scenario& scenario, const ComparisonPlan& plan,
          const std::vector<std::uint64_t>& runs) {
  SendSink send;
  try {
    stream_comparison(scenario, plan, runs_of_rank(world, runs), send);
    send.drain();
  } catch (...) {
    // Every rank ends here, while the runs in flight still have their buffers.
    abort_ranks(world, report_failure(std::current_exception(), world));
    throw;
  }
  check(MPI_Send(nullptr, 0, MPI_BYTE, 0, tag_done, MPI_COMM_WORLD), "tell rank 0 it is done");
}

void abort_ranks(const World& world, int code) {
  if (world.mpi && world.size > 1) MPI_Abort(MPI_COMM_WORLD, code);
}

}  // namespace parley::cli
