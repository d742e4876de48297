import groovy.json.JsonSlurper

def socket = System.properties.remove('starttls.it.closed-port')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('[smtp] CONFIGURATION ERROR: ')
    assert log.contains('the configuration was refused before any connection (exit code 3)')
    assert log.contains('MojoExecutionException: [smtp] the configuration was refused')
    assert new JsonSlurper().parse(new File(basedir, 'target/smtp-report/summary.json')).gate.exitCode == 3

    assert log.contains('[smtp] NOT EVALUATED: ')
    assert log.contains('a target could not be evaluated (exit code 2)')
    assert new JsonSlurper().parse(new File(basedir, 'target/unreachable/summary.json')).gate.exitCode == 2
    return true
} finally {
    socket?.close()
}
