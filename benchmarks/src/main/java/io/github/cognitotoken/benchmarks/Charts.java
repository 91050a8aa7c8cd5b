package io.github.cognitotoken.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the report's charts with JFreeChart as PNG files: token requests against
 * concurrent callers (both stampedes), latency percentiles across renewals, startup times
 * and end-to-end throughput. Each chart is only drawn when its benchmark ran.
 *
 * @author cognito-token contributors
 */
public final class Charts {

	/**
	 * File name of the stampede chart.
	 */
	public static final String STAMPEDE = "stampede.png";

	/**
	 * File name of the renewal latency chart.
	 */
	public static final String RENEWAL = "renewal-latency.png";

	/**
	 * File name of the startup chart.
	 */
	public static final String STARTUP = "startup.png";

	/**
	 * File name of the end-to-end chart.
	 */
	public static final String END_TO_END = "end-to-end.png";

	private static final int WIDTH = 900;

	private static final int HEIGHT = 520;

	private static final Color COGNITO = new Color(0x1f77b4);

	private static final Color SPRING_SECURITY = new Color(0xd62728);

	private static final Color FLOOR = new Color(0x7f7f7f);

	private static final Color COGNITO_LIGHT = new Color(0x9ecae1);

	private static final Color SPRING_SECURITY_LIGHT = new Color(0xfc9272);

	static {
		if (System.getProperty("java.awt.headless") == null) {
			System.setProperty("java.awt.headless", "true");
		}
	}

	private Charts() {
	}

	/**
	 * Draw every chart whose benchmark ran into a directory.
	 * @param results the results
	 * @param directory where to write the PNG files (created if needed)
	 * @return the file names written
	 * @throws IOException if a file cannot be written
	 */
	public static List<String> write(BenchmarkSuite.Results results, Path directory) throws IOException {
		Files.createDirectories(directory);
		List<String> written = new ArrayList<>();
		if (!results.stampede().isEmpty() || !results.reactiveStampede().isEmpty()) {
			save(stampede(results), directory, STAMPEDE, written);
		}
		if (!results.renewal().isEmpty()) {
			save(renewal(results), directory, RENEWAL, written);
		}
		if (!results.startup().isEmpty()) {
			save(startup(results), directory, STARTUP, written);
		}
		if (!results.endToEnd().isEmpty()) {
			save(endToEnd(results), directory, END_TO_END, written);
		}
		return written;
	}

	private static void save(JFreeChart chart, Path directory, String name, List<String> written) throws IOException {
		ChartUtils.saveChartAsPNG(directory.resolve(name).toFile(), chart, WIDTH, HEIGHT);
		written.add(name);
	}

	static JFreeChart stampede(BenchmarkSuite.Results results) {
		XYSeriesCollection dataset = new XYSeriesCollection();
		List<Paint> paints = new ArrayList<>();
		List<Boolean> dashed = new ArrayList<>();
		addStampede(dataset, paints, dashed, results.stampede(), StampedeHarness.SPRING_SECURITY, " (threads)",
				SPRING_SECURITY, false);
		addStampede(dataset, paints, dashed, results.reactiveStampede(), StampedeHarness.SPRING_SECURITY,
				" (reactive subscribers)", SPRING_SECURITY_LIGHT, true);
		addStampede(dataset, paints, dashed, results.stampede(), StampedeHarness.COGNITO, " (threads)", COGNITO, false);
		addStampede(dataset, paints, dashed, results.reactiveStampede(), StampedeHarness.COGNITO,
				" (reactive subscribers)", COGNITO_LIGHT, true);
		JFreeChart chart = ChartFactory.createXYLineChart(
				"Stampede: token requests when all callers find the token expired", "Concurrent callers",
				"Token requests (most in one repetition)", dataset, PlotOrientation.VERTICAL, true, false, false);
		XYPlot plot = chart.getXYPlot();
		plot.setDomainAxis(logAxis("Concurrent callers"));
		plot.setRangeAxis(logAxis("Token requests (most in one repetition)"));
		style(chart, plot, paints, dashed, true);
		return chart;
	}

	private static void addStampede(XYSeriesCollection dataset, List<Paint> paints, List<Boolean> dashed,
			List<StampedeHarness.Result> results, String library, String suffix, Paint paint, boolean dash) {
		XYSeries series = new XYSeries(library + suffix);
		for (StampedeHarness.Result result : results) {
			if (result.library().equals(library)) {
				series.add(result.threads(), Math.max(result.maxRequests(), 1));
			}
		}
		if (!series.isEmpty()) {
			dataset.addSeries(series);
			paints.add(paint);
			dashed.add(dash);
		}
	}

	static JFreeChart renewal(BenchmarkSuite.Results results) {
		XYSeriesCollection dataset = new XYSeriesCollection();
		List<Paint> paints = new ArrayList<>();
		List<Boolean> dashed = new ArrayList<>();
		for (RenewalHarness.Result result : results.renewal()) {
			boolean ours = result.library().equals(StampedeHarness.COGNITO);
			dataset.addSeries(percentiles(result.library() + ", as recorded", result.recorded()));
			paints.add(ours ? COGNITO : SPRING_SECURITY);
			dashed.add(false);
			dataset
				.addSeries(percentiles(result.library() + ", corrected for coordinated omission", result.corrected()));
			paints.add(ours ? COGNITO_LIGHT : SPRING_SECURITY_LIGHT);
			dashed.add(true);
		}
		RenewalHarness.Settings settings = results.settings().renewal();
		JFreeChart chart = ChartFactory.createXYLineChart(
				"Latency of getting the header value across token renewals (" + settings.threads() + " threads, "
						+ settings.duration().toSeconds() + " s)",
				"Percentile", "Latency (µs)", dataset, PlotOrientation.VERTICAL, true, false, false);
		XYPlot plot = chart.getXYPlot();
		NumberAxis percentile = new NumberAxis("Percentile");
		percentile.setTickUnit(new NumberTickUnit(1, new PercentileFormat()));
		percentile.setAutoRangeIncludesZero(true);
		plot.setDomainAxis(percentile);
		plot.setRangeAxis(logAxis("Latency (µs)"));
		style(chart, plot, paints, dashed, false);
		return chart;
	}

	private static XYSeries percentiles(String name, Histogram histogram) {
		XYSeries series = new XYSeries(name, false);
		if (histogram.getTotalCount() == 0) {
			return series;
		}
		for (HistogramIterationValue value : histogram.percentiles(5)) {
			double level = value.getPercentileLevelIteratedTo();
			if (level >= 100) {
				break;
			}
			series.add(-Math.log10(1 - level / 100), Math.max(value.getValueIteratedTo() / 1000.0, 0.01));
		}
		// the maximum, placed just past the last percentile drawn
		double last = series.isEmpty() ? 0 : series.getMaxX();
		series.add(last + 0.25, Math.max(histogram.getMaxValue() / 1000.0, 0.01));
		return series;
	}

	static JFreeChart startup(BenchmarkSuite.Results results) {
		DefaultCategoryDataset dataset = new DefaultCategoryDataset();
		for (StartupHarness.Result result : results.startup()) {
			dataset.addValue(result.median(StartupHarness.Launch::refresh), result.variant(), "Context refreshed");
			dataset.addValue(result.median(StartupHarness.Launch::firstCallAfterStart), result.variant(),
					"First call after run");
			dataset.addValue(result.median(StartupHarness.Launch::toFirstCall), result.variant(),
					"Launch to first call");
		}
		JFreeChart chart = ChartFactory.createBarChart(
				"Startup: median of " + results.settings().startup().launches() + " launches each (lower is better)",
				null, "Milliseconds", dataset, PlotOrientation.VERTICAL, true, false, false);
		styleBars(chart, dataset);
		return chart;
	}

	static JFreeChart endToEnd(BenchmarkSuite.Results results) {
		DefaultCategoryDataset dataset = new DefaultCategoryDataset();
		for (EndToEndHarness.Result result : results.endToEnd()) {
			dataset.addValue(result.callsPerSecond(), result.library(), result.threads() + " thread(s)");
		}
		JFreeChart chart = ChartFactory.createBarChart(
				"End to end: RestClient calls per second to a local server (higher is better)", null,
				"Calls per second", dataset, PlotOrientation.VERTICAL, true, false, false);
		styleBars(chart, dataset);
		return chart;
	}

	private static void styleBars(JFreeChart chart, DefaultCategoryDataset dataset) {
		chart.setBackgroundPaint(Color.WHITE);
		CategoryPlot plot = chart.getCategoryPlot();
		plot.setBackgroundPaint(Color.WHITE);
		plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
		BarRenderer renderer = (BarRenderer) plot.getRenderer();
		renderer.setBarPainter(new StandardBarPainter());
		renderer.setShadowVisible(false);
		for (int row = 0; row < dataset.getRowCount(); row++) {
			renderer.setSeriesPaint(row, paint(String.valueOf(dataset.getRowKey(row))));
		}
	}

	private static Paint paint(String library) {
		if (library.equals(StampedeHarness.COGNITO)) {
			return COGNITO;
		}
		if (library.equals(StampedeHarness.SPRING_SECURITY)) {
			return SPRING_SECURITY;
		}
		return FLOOR;
	}

	private static LogAxis logAxis(String label) {
		LogAxis axis = new LogAxis(label);
		axis.setBase(10);
		axis.setSmallestValue(0.01);
		// one tick per power of ten
		axis.setTickUnit(new NumberTickUnit(1));
		axis.setNumberFormatOverride(new DecimalFormat("#,##0.##"));
		return axis;
	}

	private static void style(JFreeChart chart, XYPlot plot, List<Paint> paints, List<Boolean> dashed, boolean shapes) {
		chart.setBackgroundPaint(Color.WHITE);
		plot.setBackgroundPaint(Color.WHITE);
		plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
		plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
		// later series are drawn over earlier ones
		plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
		for (int i = 0; i < paints.size(); i++) {
			renderer.setSeriesPaint(i, paints.get(i));
			renderer.setSeriesStroke(i, dashed.get(i)
					? new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] { 6f, 4f }, 0f)
					: new BasicStroke(2f));
		}
		plot.setRenderer(renderer);
	}

	/**
	 * Labels the "number of nines" axis with percentiles: 1 is 90%, 2 is 99%, 3 is 99.9%.
	 */
	private static final class PercentileFormat extends NumberFormat {

		private static final long serialVersionUID = 1L;

		@Override
		public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
			double percentile = 100 * (1 - Math.pow(10, -number));
			String text = (number < 0.5) ? String.format(Locale.ROOT, "%.0f%%", percentile)
					: String.format(Locale.ROOT, "%." + Math.max(0, (int) Math.round(number) - 2) + "f%%", percentile);
			return toAppendTo.append(text);
		}

		@Override
		public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
			return format((double) number, toAppendTo, pos);
		}

		@Override
		public Number parse(String source, ParsePosition parsePosition) {
			throw new UnsupportedOperationException("Format only");
		}

	}

}
