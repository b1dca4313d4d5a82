package io.pushledger.bench;

/** Command line of the ingest load generator; {@link IngestOptions#USAGE} lists its options. */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.print(IngestOptions.USAGE);
            return;
        }
        IngestOptions options;
        try {
            options = IngestOptions.parse(args);
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.err.print(IngestOptions.USAGE);
            System.exit(2);
            return;
        }
        System.out.println("PushLedger ingest benchmark: POST " + options.url());
        System.out.print(new IngestRun(options).run().format());
    }
}
