import groovy.json.JsonSlurper

// the plugin, bound to verify
def log = new File(basedir, 'build.log').text
assert log.contains('gate SHOULD: PASSED, exit code 0')
assert log.contains('BUILD SUCCESS')
def summary = new JsonSlurper().parse(new File(basedir, 'target/smtp-report/summary.json'))
assert summary.gate.exitCode == 0
assert summary.targets[0].counts.PASS > 30
assert summary.targets[0].counts.FAIL == 0
assert new File(basedir, 'target/smtp-report/compliance-report.html').isFile()

// the runnable jar from the same directory: finds the requirement files and checks inside itself
def reports = new File(basedir, 'jar-report')
def jar = ['java', '-jar', cliJar, '--report-dir', reports.path].execute(null, basedir)
def out = new StringBuilder()
jar.consumeProcessOutput(out, out)
jar.waitFor()
new File(basedir, 'jar.log').text = out.toString()
assert jar.exitValue() == 0 : out
def jarSummary = new JsonSlurper().parse(new File(reports, 'summary.json'))
assert jarSummary.targets[0].results.size() == summary.targets[0].results.size()
assert jarSummary.targets[0].counts == summary.targets[0].counts
assert out.toString().contains('gate MUST: PASSED, exit code 0')

// the launcher beside the jar: the first run writes the class-data archive, the second runs with it
def launcher = new File(new File(cliJar).parentFile, 'smtp-starttls')
def cache = new File(basedir, 'launcher-cache')
for (run in 1..2) {
    def p = new ProcessBuilder('sh', launcher.path, '--report-dir', new File(basedir, "launcher-report-${run}").path)
            .directory(basedir).redirectErrorStream(true)
    p.environment().put('STARTTLS_CACHE', cache.path)
    def proc = p.start()
    def text = proc.inputStream.text
    proc.waitFor()
    new File(basedir, "launcher-${run}.log").text = text
    assert proc.exitValue() == 0 : text
    assert text.contains('gate MUST: PASSED, exit code 0')
    assert cache.listFiles().findAll { it.name.endsWith('.jsa') }.size() == 1
}

// the goal from the command line in a directory without any POM: the reports go to ./target/smtp-report
def bare = new File(basedir, 'no-project')
bare.mkdirs()
def settings = new File(bare, 'settings.xml')
settings.text = """<settings><mirrors><mirror><id>calling</id><mirrorOf>*</mirrorOf>
<url>${new File(callingLocalRepository).toURI()}</url></mirror></mirrors></settings>"""
def mvn = ['mvn', '-B', '-s', settings.path, "-Dmaven.repo.local=${localRepositoryPath}",
           "${pluginCoordinates}:check", '-Dsmtp.select=RFC3207-4.2-*'].execute(null, bare)
def mvnOut = new StringBuilder()
mvn.consumeProcessOutput(mvnOut, mvnOut)
mvn.waitFor()
new File(basedir, 'no-project.log').text = mvnOut.toString()
assert mvn.exitValue() == 0 : mvnOut
assert new JsonSlurper().parse(new File(bare, 'target/smtp-report/summary.json')).gate.exitCode == 0
return true
