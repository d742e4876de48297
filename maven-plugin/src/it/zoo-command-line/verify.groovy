import groovy.json.JsonSlurper

def server = System.properties.remove('starttls.it.zoo-server')
try {
    def log = new File(basedir, 'build.log').text
    // first invocation: gated FAIL, exit code 1, BUILD FAILURE
    assert log.contains('[smtp] GATE FAILED (MUST): ')
    assert log.contains('RFC3207-4.2-MUST-DISCARD-PIPELINED-PLAINTEXT')
    assert log.contains('a requirement at or above the gate level FAILed (exit code 1)')
    assert log.contains('BUILD FAILURE')
    def summary = new JsonSlurper().parse(new File(basedir, 'target/smtp-report/summary.json'))
    assert summary.gate.exitCode == 1
    assert summary.targets[0].target == new File(basedir, 'zoo-target.txt').text
    assert new File(basedir, 'target/smtp-report/compliance-report.html').isFile()
    // second invocation: starttls.failOnGate=false
    assert log.contains('the build goes on (starttls.failOnGate=false)')
    assert log.contains('BUILD SUCCESS')
    assert new JsonSlurper().parse(new File(basedir, 'target/report-no-fail/summary.json')).gate.exitCode == 1

    // the runnable jar against the same server: exit code 1
    def jar = ['java', '-jar', cliJar, '--tls-trust', new File(basedir, 'zoo-ca.pem').path, '--report-dir',
               new File(basedir, 'jar-report').path, '--select', 'RFC3207-4.2-*', server.target()].execute(null, basedir)
    def out = new StringBuilder()
    jar.consumeProcessOutput(out, out)
    jar.waitFor()
    new File(basedir, 'jar.log').text = out.toString()
    assert jar.exitValue() == 1 : out
    assert out.toString().contains('[smtp] GATE FAILED (MUST): ')
    return true
} finally {
    server?.close()
}
