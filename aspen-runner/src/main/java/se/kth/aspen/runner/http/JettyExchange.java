package se.kth.aspen.runner.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * One Jetty request seen as the JDK's {@link HttpExchange}, so that the endpoints are written
 * against one small, well-known API whatever server carries them. The request body must arrive
 * within a deadline counted from the moment the handler starts: a client that sends a byte now
 * and then cannot hold a request open longer than that.
 */
final class JettyExchange extends HttpExchange {

  private final Request request;
  private final Response response;
  private final Headers requestHeaders = new Headers();
  private final Headers responseHeaders = new Headers();
  private final Map<String, Object> attributes = new HashMap<>();
  private final URI uri;
  private InputStream body;
  private OutputStream out;
  private int status = -1;

  JettyExchange(Request request, Response response, Clock clock, Duration bodyDeadline) {
    this.request = request;
    this.response = response;
    for (HttpField field : request.getHeaders()) {
      requestHeaders.add(field.getName(), field.getValue());
    }
    this.uri = uri(request.getHttpURI().getPath(), request.getHttpURI().getQuery());
    this.body = new Deadlined(Content.Source.asInputStream(request), clock, clock.instant().plus(bodyDeadline),
        bodyDeadline);
  }

  @Override
  public Headers getRequestHeaders() {
    return requestHeaders;
  }

  @Override
  public Headers getResponseHeaders() {
    return responseHeaders;
  }

  @Override
  public URI getRequestURI() {
    return uri;
  }

  @Override
  public String getRequestMethod() {
    return request.getMethod();
  }

  @Override
  public HttpContext getHttpContext() {
    throw new UnsupportedOperationException("no HttpContext: the API is served by Jetty");
  }

  @Override
  public void close() {
    try {
      if (status < 0) {
        sendResponseHeaders(500, -1);
      }
      if (out != null) {
        out.close();
      }
    } catch (IOException e) {
      // The client went away; Jetty has already failed the response.
    }
  }

  @Override
  public InputStream getRequestBody() {
    return body;
  }

  @Override
  public OutputStream getResponseBody() {
    if (out == null) {
      out = Content.Sink.asOutputStream(response);
    }
    return out;
  }

  /** As the JDK's: a length of -1 means no body, 0 a body of unknown length. */
  @Override
  public void sendResponseHeaders(int code, long length) throws IOException {
    if (status >= 0) {
      throw new IOException("response headers already sent");
    }
    status = code;
    response.setStatus(code);
    for (Map.Entry<String, List<String>> header : responseHeaders.entrySet()) {
      for (String value : header.getValue()) {
        response.getHeaders().add(header.getKey(), value);
      }
    }
    if (length > 0) {
      response.getHeaders().put("Content-Length", Long.toString(length));
    } else if (length < 0) {
      response.getHeaders().put("Content-Length", "0");
      getResponseBody();
    }
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return inet(request.getConnectionMetaData().getRemoteSocketAddress());
  }

  @Override
  public int getResponseCode() {
    return status;
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return inet(request.getConnectionMetaData().getLocalSocketAddress());
  }

  @Override
  public String getProtocol() {
    return request.getConnectionMetaData().getProtocol();
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    attributes.put(name, value);
  }

  @Override
  public void setStreams(InputStream in, OutputStream out) {
    if (in != null) {
      this.body = in;
    }
    if (out != null) {
      this.out = out;
    }
  }

  @Override
  public HttpPrincipal getPrincipal() {
    return null;
  }

  /**
   * The path (Jetty has already refused what {@link URI} would not parse) with the query when
   * there is one that {@link URI} takes as it is; a query it would refuse is dropped.
   */
  private static URI uri(String path, String query) {
    if (query != null) {
      try {
        return new URI(path + "?" + query);
      } catch (java.net.URISyntaxException e) {
        // Characters a browser would have encoded: the endpoints see no query.
      }
    }
    return URI.create(path);
  }

  private static InetSocketAddress inet(SocketAddress address) {
    return address instanceof InetSocketAddress inet ? inet : null;
  }

  /** The request body, refused once its deadline has passed. */
  private static final class Deadlined extends InputStream {
    private final InputStream in;
    private final Clock clock;
    private final Instant deadline;
    private final Duration allowed;

    Deadlined(InputStream in, Clock clock, Instant deadline, Duration allowed) {
      this.in = in;
      this.clock = clock;
      this.deadline = deadline;
      this.allowed = allowed;
    }

    private void check() throws Exchange.TooSlow {
      if (clock.instant().isAfter(deadline)) {
        throw new Exchange.TooSlow(allowed);
      }
    }

    @Override
    public int read() throws IOException {
      check();
      int b = in.read();
      check();
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      check();
      int n = in.read(buffer, offset, length);
      check();
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
