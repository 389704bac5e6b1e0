package io.restlive.edge;

import io.restlive.edge.config.EdgeProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** A ws-edge node: WebSocket clients in, subscription groups out to the processor, broadcasts back. */
@SpringBootApplication
@EnableConfigurationProperties(EdgeProperties.class)
public class EdgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(EdgeApplication.class, args);
    }
}
