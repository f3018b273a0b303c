// BouncyCastle's ERS (Debian libbcpkix-java 1.72) as an independent check of our evidence records:
//   java -cp bcprov.jar:bcpkix.jar:bcutil.jar:. ErsCheck RECORD.ers DATA
// Prints OK and exits 0 when BC finds DATA covered by the record's first archive timestamp and the
// newest timestamp's signature holds; FAIL and exit 1 otherwise. Only for single documents: BC
// 1.72 has a known bug with multi-document hash-tree renewal, so it is not used there.
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Date;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.ers.ERSByteData;
import org.bouncycastle.tsp.ers.ERSEvidenceRecord;

public class ErsCheck {
    public static void main(String[] args) throws Exception {
        ERSEvidenceRecord record = new ERSEvidenceRecord(Files.readAllBytes(Paths.get(args[0])),
                new JcaDigestCalculatorProviderBuilder().build());
        try {
            record.validatePresent(new ERSByteData(Files.readAllBytes(Paths.get(args[1]))), new Date());
            record.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(new BouncyCastleProvider())
                    .build(record.getSigningCertificate()));
            System.out.println("OK " + args[0]);
        } catch (Exception e) {
            System.out.println("FAIL " + args[0] + ": " + e);
            System.exit(1);
        }
    }
}
