package io.restlive.spring.it;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** An entity that is not live: its changes must never be published. */
@Entity
public class Scratch {

    @Id
    @GeneratedValue
    private Long id;

    private String text;

    protected Scratch() {
    }

    public Scratch(String text) {
        this.text = text;
    }

    public Long getId() {
        return id;
    }
}
