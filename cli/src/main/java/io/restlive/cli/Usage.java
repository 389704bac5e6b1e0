package io.restlive.cli;

/** The help text of {@code ./rest-live help}. */
final class Usage {

    static final String TEXT = """
            usage: ./rest-live <command> [options]

            commands:
              run [options]           start the local stack (broker, processor, edges, the example app) until Ctrl-C
                  --views FILE            views file (default: $REST_LIVE_VIEWS, else examples/todolist/views.yaml)
                  --edges N               number of ws-edges (default 1)
                  --processors N          number of subscription processors (default 1; several share the work
                                          and take over each other's tasks within seconds)
                  --broker-port P         dev broker port (default 9092; its controller takes P+1)
                  --processor-port P      first subscription processor's HTTP port (default 8081; further ones
                                          take the next free ports)
                  --edge-port P           first edge port (default 8080); further edges take the next
                                          free ports: 8082, 8083, ...
                  --state-dir DIR         broker data, processor state and logs (default .state in the project)
                  --app-port P            the example todolist app's port (default 8000)
                  --no-app                do not start the example app
                  --project-dir DIR       the rest-live checkout (default: found from the working directory)
                  REST_LIVE_BOOTSTRAP_SERVERS=host:port uses that Kafka cluster instead of the dev broker.

              publish '<json>' | --file FILE | -
                                      publish one change envelope to <prefix>changes, e.g.
                                      '{"model":"todolist.Task","pk":1,"op":"UPSERT","instance":{"id":1,"text":"Buy milk","done":false}}'
                  --bootstrap-servers H:P (default $REST_LIVE_BOOTSTRAP_SERVERS, else 127.0.0.1:9092)
                  --topic-prefix P        (default $REST_LIVE_TOPIC_PREFIX, else rest-live.)

              listen '<frame>'...      connect a WebSocket client, send the frames (e.g. a subscribe) and print
                                      every frame received until Ctrl-C
                  --url URL               (default ws://127.0.0.1:8080/ws/subscribe/)
                  --token JWT             sent as Authorization: Bearer

              check-views FILE        load and validate a views file, as the processor and the edges will

              reset-versions [--model M]
                                      make the processor forget the stored versions of model M (of every model
                                      without --model): after the source database was restored from a backup
                                      and its versions went back (docs/operations.md)
                  --bootstrap-servers H:P, --topic-prefix P as for publish

              bench [flags]           run the benchmark scenarios (benchmarks/run.sh; docs/benchmarks.md)

              help                    this text

            exit codes: 0 done, 1 failed, 2 bad command line or input
            """;

    private Usage() {
    }
}
