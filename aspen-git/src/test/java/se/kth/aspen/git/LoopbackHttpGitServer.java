package se.kth.aspen.git;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A git smart-HTTP server on 127.0.0.1 (the JDK's HTTP server running JGit's {@link UploadPack}
 * in stateless mode, as GitHub answers a clone) for one bare repository, behind HTTP basic
 * authentication with one user and token.
 */
final class LoopbackHttpGitServer implements AutoCloseable {

  private final HttpServer server;

  private LoopbackHttpGitServer(HttpServer server) {
    this.server = server;
  }

  static LoopbackHttpGitServer start(Path bare, String user, String token) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    var context =
        server.createContext(
            "/registry.git/",
            exchange -> {
              try (exchange) {
                serve(bare, exchange);
              }
            });
    context.setAuthenticator(
        new BasicAuthenticator("git") {
          @Override
          public boolean checkCredentials(String givenUser, String givenPassword) {
            return user.equals(givenUser) && token.equals(givenPassword);
          }
        });
    server.start();
    return new LoopbackHttpGitServer(server);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/registry.git";
  }

  private static void serve(Path bare, HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    try (Repository repository = new FileRepositoryBuilder().setGitDir(bare.toFile()).setMustExist(true).build()) {
      UploadPack upload = new UploadPack(repository);
      upload.setBiDirectionalPipe(false);
      if (path.endsWith("/info/refs")
          && "service=git-upload-pack".equals(exchange.getRequestURI().getQuery())) {
        exchange.getResponseHeaders().set("Content-Type", "application/x-git-upload-pack-advertisement");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        PacketLineOut packets = new PacketLineOut(out);
        packets.writeString("# service=git-upload-pack\n");
        packets.end();
        upload.sendAdvertisedRefs(new PacketLineOutRefAdvertiser(packets));
        out.flush();
      } else if (path.endsWith("/git-upload-pack") && exchange.getRequestMethod().equals("POST")) {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
          in = new GZIPInputStream(in);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-git-upload-pack-result");
        exchange.sendResponseHeaders(200, 0);
        upload.upload(in, exchange.getResponseBody(), null);
        exchange.getResponseBody().flush();
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
