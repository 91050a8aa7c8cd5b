package io.github.cognitotoken.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Arrays;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Entry point of a startup benchmark launch: starts the application of the variant given
 * as the first argument ({@value #SPRING_SECURITY} or anything else for the application
 * that only uses Spring Boot's {@code RestClient.Builder}), makes one call to
 * {@code benchmark.resource-url} with its {@code RestClient}, prints the moments it
 * reached, its number of bean definitions and of classes loaded on one line that starts
 * with {@value #RESULT_PREFIX}, and exits. The other arguments are Spring Boot's.
 *
 * @author cognito-token contributors
 */
public final class StartupMain {

	/**
	 * The variant wired with Spring Security's client credentials.
	 */
	public static final String SPRING_SECURITY = "spring-security";

	/**
	 * Start of the line with the results.
	 */
	public static final String RESULT_PREFIX = "startup-benchmark:";

	private StartupMain() {
	}

	/**
	 * Start the application, make the first call and print the moments.
	 * @param args the variant, then Spring Boot's arguments
	 */
	public static void main(String[] args) {
		long mainStarted = System.currentTimeMillis();
		if (args.length == 0) {
			throw new IllegalArgumentException("Expected the variant as the first argument");
		}
		Class<?> application = SPRING_SECURITY.equals(args[0]) ? SpringSecurityStartupApplication.class
				: StartupApplication.class;
		RefreshListener refreshListener = new RefreshListener();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.listeners(refreshListener)
			.run(Arrays.copyOfRange(args, 1, args.length));
		long started = System.currentTimeMillis();
		URI uri = URI.create(context.getEnvironment().getRequiredProperty("benchmark.resource-url"));
		RestClient client = context.getBean(StartupApplication.REST_CLIENT_BEAN, RestClient.class);
		ResponseEntity<String> response = client.get().uri(uri).retrieve().toEntity(String.class);
		long firstCall = System.currentTimeMillis();
		// counted after the measurements: the management classes load the same for all
		long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
		System.out.println(RESULT_PREFIX + " main=" + mainStarted + " refreshed=" + refreshListener.refreshed
				+ " started=" + started + " firstCall=" + firstCall + " status=" + response.getStatusCode().value()
				+ " beans=" + context.getBeanDefinitionCount() + " classes=" + classes);
		context.close();
	}

	private static final class RefreshListener implements ApplicationListener<ContextRefreshedEvent> {

		private volatile long refreshed;

		@Override
		public void onApplicationEvent(ContextRefreshedEvent event) {
			this.refreshed = System.currentTimeMillis();
		}

	}

}
