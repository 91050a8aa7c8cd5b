package io.github.cognitotoken.samples.cognitolocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Once the application is ready, logs {@code cognito-local listening on port <port>} and,
 * if {@code cognito-local.port-file} is set, writes the port to that file (atomically, so
 * a script can wait for the file to appear). The file is deleted when the application
 * stops.
 */
@Component
public class PortAnnouncer {

	private static final Log logger = LogFactory.getLog(PortAnnouncer.class);

	private final CognitoLocalProperties properties;

	private boolean portFileWritten;

	public PortAnnouncer(CognitoLocalProperties properties) {
		this.properties = properties;
	}

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		String port = environment.getProperty("local.server.port");
		if (port == null) {
			return;
		}
		logger.info("cognito-local listening on port " + port);
		if (logger.isInfoEnabled()) {
			logger.info("cognito-local issuer " + this.properties.issuer() + ", clients "
					+ this.properties.clients().stream().map(CognitoLocalProperties.Client::clientId).toList());
		}
		Path portFile = this.properties.portFile();
		if (portFile != null) {
			writePortFile(portFile.toAbsolutePath(), port);
			this.portFileWritten = true;
			logger.info("cognito-local wrote port to " + portFile.toAbsolutePath());
		}
	}

	@EventListener
	void onClosed(ContextClosedEvent event) {
		Path portFile = this.properties.portFile();
		if (this.portFileWritten && portFile != null) {
			try {
				Files.deleteIfExists(portFile);
			}
			catch (IOException ex) {
				logger.warn("Could not delete port file " + portFile, ex);
			}
		}
	}

	private static void writePortFile(Path portFile, String port) {
		try {
			Path directory = portFile.getParent();
			if (directory != null) {
				Files.createDirectories(directory);
			}
			Path temporary = Files.createTempFile((directory != null) ? directory : Path.of("."),
					portFile.getFileName().toString(), ".tmp");
			Files.writeString(temporary, port + System.lineSeparator(), StandardCharsets.UTF_8);
			try {
				Files.move(temporary, portFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, portFile, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write port file " + portFile, ex);
		}
	}

}
