package io.restlive.example.todolist.api;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Error bodies as Django REST framework writes them: {@code {"detail": ...}} or field errors. */
@RestControllerAdvice
class ApiErrors {

    @ExceptionHandler
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    Map<String, List<String>> invalid(ValidationFailed e) {
        return e.errors();
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.NOT_FOUND)
    Map<String, String> notFound(NotFound e) {
        return Map.of("detail", e.getMessage());
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    Map<String, String> unreadable(HttpMessageNotReadableException e) {
        return Map.of("detail", "JSON parse error - " + e.getMostSpecificCause().getMessage());
    }
}
