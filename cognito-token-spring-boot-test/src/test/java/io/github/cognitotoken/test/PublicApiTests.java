package io.github.cognitotoken.test;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.ClassMetadata;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the test module's public types are exactly the ones that {@code docs/api.md}
 * lists under {@code io.github.cognitotoken.test}.
 */
class PublicApiTests {

	private static final Pattern DOCUMENTED_TYPE = Pattern
		.compile("^\\| `(io\\.github\\.cognitotoken\\.test\\.[\\w.]+)` \\|");

	@Test
	void documentedPublicApiMatchesTheCode() throws IOException {
		assertThat(publicTypes()).isNotEmpty().containsExactlyElementsOf(documentedTypes());
	}

	private static Set<String> publicTypes() throws IOException {
		Set<String> types = new TreeSet<>();
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		SimpleMetadataReaderFactory readers = new SimpleMetadataReaderFactory();
		Path classes = Path.of("target", "classes").toAbsolutePath();
		for (Resource resource : resolver.getResources("file:" + classes + "/io/github/cognitotoken/**/*.class")) {
			ClassMetadata metadata = readers.getMetadataReader(resource).getClassMetadata();
			String name = metadata.getClassName();
			if (!metadata.hasEnclosingClass() && !name.endsWith(".package-info") && isPublic(name)) {
				types.add(name);
			}
		}
		return types;
	}

	private static boolean isPublic(String className) {
		try {
			return Modifier
				.isPublic(Class.forName(className, false, PublicApiTests.class.getClassLoader()).getModifiers());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Set<String> documentedTypes() throws IOException {
		Set<String> types = new TreeSet<>();
		for (String line : Files.readAllLines(Path.of("..", "docs", "api.md"), StandardCharsets.UTF_8)) {
			Matcher matcher = DOCUMENTED_TYPE.matcher(line);
			if (matcher.find()) {
				types.add(matcher.group(1));
			}
		}
		return types;
	}

}
