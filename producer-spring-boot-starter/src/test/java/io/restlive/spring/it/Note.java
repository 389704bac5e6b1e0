package io.restlive.spring.it;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.restlive.spring.LiveModel;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/** A live entity with a numeric id, a {@code @Version} and Jackson annotations the published instance must honour. */
@Entity
@LiveModel("test.Note")
public class Note {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String heading;

    private boolean done;

    private String secret = "not for clients";

    @Version
    private long version;

    protected Note() {
    }

    public Note(String heading) {
        this.heading = heading;
    }

    public Long getId() {
        return id;
    }

    @JsonProperty("title")
    public String getHeading() {
        return heading;
    }

    public void setHeading(String heading) {
        this.heading = heading;
    }

    public boolean isDone() {
        return done;
    }

    public void setDone(boolean done) {
        this.done = done;
    }

    @JsonIgnore
    public String getSecret() {
        return secret;
    }

    @JsonIgnore
    public long getVersion() {
        return version;
    }
}
