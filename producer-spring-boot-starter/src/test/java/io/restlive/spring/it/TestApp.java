package io.restlive.spring.it;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The smallest JPA app: two live entities, the starter auto-configured around them. */
@SpringBootApplication
public class TestApp {
}
