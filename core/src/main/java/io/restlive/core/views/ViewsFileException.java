package io.restlive.core.views;

/**
 * A views file that cannot be used; the message names the file, the view (or endpoint), the key and
 * the problem, e.g. {@code views.yaml: view 'tasks', key 'queryset': ...}.
 */
public class ViewsFileException extends RuntimeException {

    public ViewsFileException(String message) {
        super(message);
    }

    public ViewsFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
