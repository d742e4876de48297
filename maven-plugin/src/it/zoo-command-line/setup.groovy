import org.starttls.fixtures.pki.TestPki
import org.starttls.fixtures.zoo.Variant

// Runs in the calling build's JVM for as long as the tests of this project: verify.groovy stops it.
def pki = TestPki.create()
def server = Variant.PIPELINED_PLAINTEXT_EXECUTED.start(pki)
System.properties.put('starttls.it.zoo-server', server)
def ca = new File(basedir, 'zoo-ca.pem')
pki.writeCaPem(ca.toPath())
new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = "-Dsmtp.target=${server.target()} -Dsmtp.tls.trust=${ca.absolutePath}\n"
new File(basedir, 'zoo-target.txt').text = server.target()
return true
