package io.github.cognitotoken.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses the Cognito client whose token the requests of an {@code @HttpExchange}
 * interface, or of one of its methods, carry. On a method it wins over the interface's
 * annotation; both win over the client bound to the interface's HTTP service group and
 * over routing by host. The client's target host rules still apply.
 * <p>
 * HTTP service groups ({@code @ImportHttpServices}) honour it with no configuration; a
 * proxy factory built by hand needs
 * {@link CognitoClientAttributes#requestValuesProcessor()}.
 *
 * <pre class="code">
 * &#64;HttpExchange("/invoices")
 * &#64;CognitoClient("billing")
 * interface InvoicesClient {
 *
 *     &#64;GetExchange
 *     List&lt;Invoice&gt; invoices();
 *
 *     &#64;GetExchange("/public/rates")
 *     &#64;CognitoClient(CognitoClient.NONE)
 *     Rates rates();
 *
 * }
 * </pre>
 *
 * @author cognito-token contributors
 * @since 0.1.0
 * @see CognitoClientAttributes
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Inherited
public @interface CognitoClient {

	/**
	 * The value that sends the requests without any Cognito token.
	 */
	String NONE = "-";

	/**
	 * Name of the client: {@code default} for {@code cognito.client.*}, the name of a
	 * named client ({@code cognito.clients.<name>.*}), or {@link #NONE}.
	 * @return the client name
	 */
	String value();

}
