// An error the benchmark raises on purpose (a server that does not start, a wrong answer, a bad setting): its message
// says it all, so it is reported without a stack trace. Anything else is a bug in the benchmark and keeps its stack.
export class BenchError extends Error {
  name = 'BenchError';
}
