package dev.vigil.server.web;

import dev.vigil.core.task.InvalidInputException;
import dev.vigil.store.DatabaseUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every API error as RFC 9457 problem+json with a message that says what to fix. */
@RestControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, List<String> problems, HttpServletRequest req) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle(status.getReasonPhrase());
    p.setInstance(URI.create(req.getRequestURI()));
    if (!problems.isEmpty()) p.setProperty("problems", problems);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest req) {
    return problem(e.status(), e.getMessage(), e.problems(), req);
  }

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidInputException e, HttpServletRequest req) {
    String detail = e.problems().size() == 1 ? e.problems().get(0) : e.problems().size() + " problems: " + e.getMessage();
    return problem(HttpStatus.BAD_REQUEST, detail, e.problems(), req);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> illegal(IllegalArgumentException e, HttpServletRequest req) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage(), List.of(), req);
  }

  @ExceptionHandler(DatabaseUnavailableException.class)
  ResponseEntity<ProblemDetail> database(DatabaseUnavailableException e, HttpServletRequest req) {
    log.warn("database unavailable path={} error=\"{}\"", req.getRequestURI(), e.getMessage());
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "the database is unavailable; nothing was stored, retry later", List.of(), req);
  }

  @ExceptionHandler(PayloadTooLargeException.class)
  ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e, HttpServletRequest req) {
    return problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), List.of(), req);
  }

  @ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(org.springframework.http.converter.HttpMessageNotReadableException e,
      HttpServletRequest req) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PayloadTooLargeException tooLarge) return tooLarge(tooLarge, req);
    }
    if (req.getContentLengthLong() == 0) {
      return problem(HttpStatus.BAD_REQUEST, "the request body is empty", List.of(), req);
    }
    return problem(HttpStatus.BAD_REQUEST, "the request body cannot be read: " + e.getMostSpecificCause().getMessage(),
        List.of(), req);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest req) {
    String accepted = String.join(", ", e.getSupportedMediaTypes().stream().map(Object::toString).toList());
    return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "content type " + e.getContentType()
        + " is not accepted here (use " + (accepted.isEmpty() ? "application/json" : accepted) + ")", List.of(), req);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest req) {
    return problem(HttpStatus.METHOD_NOT_ALLOWED, e.getMethod() + " is not supported here (supported: "
        + String.join(", ", e.getSupportedMethods() == null ? new String[0] : e.getSupportedMethods()) + ")", List.of(), req);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest req) {
    return problem(HttpStatus.BAD_REQUEST, "parameter '" + e.getName() + "': '" + e.getValue() + "' is not valid"
        + (e.getRequiredType() != null && e.getRequiredType().isEnum()
            ? " (expected one of: " + String.join(", ", java.util.Arrays.stream(e.getRequiredType().getEnumConstants()).map(String::valueOf).toList()) + ")"
            : ""), List.of(), req);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e, HttpServletRequest req) {
    return problem(HttpStatus.BAD_REQUEST, "query parameter '" + e.getParameterName() + "' is required", List.of(), req);
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e, HttpServletRequest req) {
    return problem(HttpStatus.NOT_FOUND, "no such endpoint: " + req.getMethod() + " " + req.getRequestURI()
        + " (API reference: /api/docs)", List.of(), req);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> defect(Exception e, HttpServletRequest req) {
    log.error("request failed with a defect path={}", req.getRequestURI(), e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal error (logged on the server): " + e.getClass().getSimpleName(),
        List.of(), req);
  }
}
