package io.restlive.spring.it;

import io.restlive.spring.LiveModel;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A live entity with a string id and no {@code @Version}. */
@Entity
@LiveModel("test.Label")
public class Label {

    @Id
    private String slug;

    private String color;

    protected Label() {
    }

    public Label(String slug, String color) {
        this.slug = slug;
        this.color = color;
    }

    public String getSlug() {
        return slug;
    }

    public String getColor() {
        return color;
    }

    public void setColor(String color) {
        this.color = color;
    }
}
