package io.restlive.bench.metrics;

import java.util.List;
import java.util.Optional;

/**
 * One round of the sampler: every process scraped at about the same time.
 *
 * @param seconds since the sampler started
 * @param scrapes one per process that answered
 */
public record Tick(double seconds, List<Scrape> scrapes) {

    public Tick {
        scrapes = List.copyOf(scrapes);
    }

    /** The scrape of {@code target}, if it answered this time. */
    public Optional<Scrape> of(String target) {
        return scrapes.stream().filter(s -> s.target().equals(target)).findFirst();
    }
}
