package io.github.cognitotoken.http;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.Assert;
import org.springframework.web.service.invoker.HttpRequestValues;

/**
 * Request attributes that choose the Cognito client whose token one request carries, for
 * {@code RestClient} and {@code WebClient}:
 *
 * <pre class="code">
 * restClient.get().uri("https://billing.example.com/invoices")
 *     .attributes(CognitoClientAttributes.client("billing"))
 *     .retrieve()
 *     .body(Invoices.class);
 * </pre>
 *
 * An explicit choice wins over every other rule (see {@link CognitoClientRouter}); the
 * chosen client's target host rules still apply. {@code RestTemplate} has no request
 * attributes: its requests are routed by host.
 *
 * @author cognito-token contributors
 * @since 0.1.0
 * @see CognitoClient
 */
public final class CognitoClientAttributes {

	/**
	 * Name of the request attribute that holds the choice: a client name, or a value that
	 * means no token.
	 */
	public static final String ATTRIBUTE = CognitoClientAttributes.class.getName() + ".client";

	/**
	 * The attribute value that sends a request without any Cognito token.
	 */
	static final Object NO_CLIENT = new Object() {

		@Override
		public String toString() {
			return "(no Cognito client)";
		}

	};

	private static final Consumer<Map<String, Object>> NONE = (attributes) -> attributes.put(ATTRIBUTE, NO_CLIENT);

	private static final HttpRequestValues.Processor PROCESSOR = new CognitoClientProcessor();

	private CognitoClientAttributes() {
	}

	/**
	 * Choose the named client for one request.
	 * @param name the client name: {@code default} for {@code cognito.client.*}, or the
	 * name of a named client
	 * @return a consumer for {@code .attributes(...)}
	 */
	public static Consumer<Map<String, Object>> client(String name) {
		Assert.hasText(name, "'name' must not be empty");
		if (CognitoClient.NONE.equals(name)) {
			return NONE;
		}
		return (attributes) -> attributes.put(ATTRIBUTE, name);
	}

	/**
	 * Send one request without any Cognito token, whatever its host.
	 * @return a consumer for {@code .attributes(...)}
	 */
	public static Consumer<Map<String, Object>> none() {
		return NONE;
	}

	/**
	 * Return the processor that turns {@link CognitoClient @CognitoClient} on
	 * {@code @HttpExchange} interfaces and methods into the request attribute. HTTP
	 * service groups get it from the auto-configuration; add it to a proxy factory built
	 * by hand with {@code HttpServiceProxyFactory.Builder.httpRequestValuesProcessor}.
	 * @return the processor
	 */
	public static HttpRequestValues.Processor requestValuesProcessor() {
		return PROCESSOR;
	}

	/**
	 * Return the client that an {@code @HttpExchange} method chooses.
	 * @param method the method
	 * @return the client name, {@link CognitoClient#NONE}, or {@code null} when neither
	 * the method nor its interface is annotated
	 */
	public static @Nullable String clientOf(Method method) {
		return clientOf(method.getDeclaringClass(), method);
	}

	/**
	 * Return the client that a method chooses when it is called through the given
	 * interface: the method's annotation, else the interface's (or one it extends), else
	 * that of the interface that declares the method.
	 * @param serviceType the interface the method is called through, such as a Feign
	 * client interface, or {@code null} when unknown
	 * @param method the method
	 * @return the client name, {@link CognitoClient#NONE}, or {@code null} when none of
	 * them is annotated
	 */
	public static @Nullable String clientOf(@Nullable Class<?> serviceType, Method method) {
		CognitoClient annotation = find(method);
		if (annotation == null && serviceType != null) {
			annotation = find(serviceType);
		}
		if (annotation == null) {
			annotation = find(method.getDeclaringClass());
		}
		return (annotation != null) ? annotation.value() : null;
	}

	private static @Nullable CognitoClient find(AnnotatedElement element) {
		return AnnotatedElementUtils.findMergedAnnotation(element, CognitoClient.class);
	}

	private static final class CognitoClientProcessor implements HttpRequestValues.Processor {

		private static final Object NOT_ANNOTATED = new Object();

		private final Map<Method, Object> choices = new ConcurrentHashMap<>();

		@Override
		public void process(Method method, MethodParameter[] parameters, @Nullable Object[] arguments,
				HttpRequestValues.Builder builder) {
			Object choice = this.choices.computeIfAbsent(method, CognitoClientProcessor::choiceOf);
			if (choice != NOT_ANNOTATED) {
				builder.addAttribute(ATTRIBUTE, choice);
			}
		}

		private static Object choiceOf(Method method) {
			String name = clientOf(method);
			if (name == null) {
				return NOT_ANNOTATED;
			}
			return CognitoClient.NONE.equals(name) ? NO_CLIENT : name;
		}

	}

}
