package io.maas.serve;

import io.maas.monitor.Fixtures;
import io.maas.monitor.MonitoredPipeline;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * What the command line's {@code serve} will do, as a process of its own for {@link SigtermTest}: start a server on
 * a free loopback port, print {@code port N}, install the shutdown hook and wait until it has stopped the server.
 */
public final class ServeUntilSigterm {

    private ServeUntilSigterm() {
    }

    /**
     * Serves the diabetes model until SIGTERM.
     *
     * @param args none
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        PredictionServer server = PredictionServer.builder(MonitoredPipeline.of(Fixtures.diabetes()))
                .address(new InetSocketAddress("127.0.0.1", 0)).threads(2).start();
        Runtime.getRuntime().addShutdownHook(server.shutdownHook(Duration.ofSeconds(30)));
        System.out.println("port " + server.address().getPort());
        System.out.flush();
        server.awaitStop();
    }
}
